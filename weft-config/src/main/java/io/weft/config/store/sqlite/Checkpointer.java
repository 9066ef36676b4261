package io.weft.config.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file on its own thread and connection, so the
 * writer never does it. With SQLite's default auto-checkpoint, the COMMIT that pushes the
 * WAL past 1,000 pages runs the checkpoint itself: it copies every page and fsyncs the
 * database file before the writer can start the next batch, a stall of tens of
 * milliseconds under load that every caller queued behind it pays (the p99 of a commit).
 * The writer connection turns auto-checkpoint off; this thread runs
 * {@code PRAGMA wal_checkpoint(PASSIVE)}, which never blocks the writer or readers, once
 * {@link #WRITES} writes (a few pages each, so about SQLite's 1,000-page threshold) were
 * committed since the last one, and at most {@link #MAX_INTERVAL_MS} after any commit.
 *
 * <p>Durability does not depend on it: a commit is durable once its WAL frames are fsynced
 * (synchronous=FULL); a checkpoint only moves durable pages, and SQLite's recovery repeats
 * an interrupted one.
 *
 * <p>Concurrency: the writer calls {@link #committed} after each batch; {@code pendingWrites}
 * and {@code closed} are guarded by {@code lock}; the connection is confined to the thread.
 */
final class Checkpointer implements AutoCloseable {
  static final int WRITES = 256;
  private static final long MAX_INTERVAL_MS = 250;
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final Connection conn;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private long pendingWrites; // guarded by lock
  private boolean closed; // guarded by lock
  private volatile long checkpoints;

  Checkpointer(Path file) throws SQLException {
    conn = SqliteSchema.openCheckpointer(file);
    thread = Thread.ofPlatform().name("weft-store-checkpoint").daemon(true).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Writer: a batch of {@code writes} writes is committed. */
  void committed(int writes) {
    lock.lock();
    try {
      boolean wasIdle = pendingWrites == 0;
      pendingWrites += writes;
      if (wasIdle || pendingWrites >= WRITES) work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** How many checkpoints ran (for tests). */
  long checkpoints() {
    return checkpoints;
  }

  private void run() {
    long interval = TimeUnit.MILLISECONDS.toNanos(MAX_INTERVAL_MS);
    while (true) {
      lock.lock();
      try {
        while (!closed && pendingWrites == 0) work.await();
        // Something is committed: checkpoint once enough piled up, or the interval is over.
        long deadline = System.nanoTime() + interval;
        while (!closed && pendingWrites < WRITES) {
          long left = deadline - System.nanoTime();
          if (left <= 0) break;
          work.awaitNanos(left);
        }
        if (closed) return;
        pendingWrites = 0;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      checkpoint();
    }
  }

  private void checkpoint() {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      checkpoints++;
    } catch (SQLException e) {
      // A busy database or a transient I/O error: the next round tries again; the WAL only grows meanwhile.
      log.warn("WAL checkpoint failed; will retry", e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      conn.close();
    } catch (SQLException e) {
      log.warn("closing the checkpoint connection", e);
    }
  }
}
