package io.weft.config.store.sqlite;

import io.weft.config.store.Entry;
import io.weft.config.store.Event;
import io.weft.config.store.Write;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Callers of {@link #submit} queue their write group and block; the
 * writer thread takes everything queued (up to {@link #MAX_BATCH} groups), applies each
 * group under its own SAVEPOINT in one transaction, so a refused group is rolled back alone,
 * writes the batch's events table rows together, COMMITs once (one WAL fsync for the whole batch), publishes the events, and only then
 * completes every caller. While it fsyncs, new callers queue up and form the next batch,
 * so the fsync cost is shared by everyone who arrived meanwhile.
 *
 * <p>Concurrency: {@code queue} is the only state callers touch; {@code submitLock} makes
 * "check closed, enqueue" atomic against close, so nothing is enqueued behind the final
 * drain. Everything else ({@code revision}, {@code compacted}, the connection and its
 * statements) is confined to the writer thread.
 */
final class GroupCommitter implements AutoCloseable {
  static final int MAX_BATCH = 1024;
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

  private record Pending(List<Write> writes, CompletableFuture<List<Entry>> done, long queuedAt) {}

  private static final Pending STOP = new Pending(List.of(), new CompletableFuture<>(), 0);

  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Object submitLock = new Object();
  private boolean closed; // guarded by submitLock

  private final Connection conn;
  private final WriteApplier applier;
  private final EventLog events;
  private final StoreMetrics metrics;
  private final Checkpointer checkpointer;
  private final int historyRevisions;
  private final long compactionSlack;
  private final PreparedStatement savepoint;
  private final PreparedStatement release;
  private final PreparedStatement rollbackTo;
  private final PreparedStatement setMeta;
  private final PreparedStatement deleteEvents;
  private final Thread thread;
  private long revision;
  private long compacted;
  private long commitNanosEma = 500_000; // smoothed duration of a batch transaction, for linger()

  GroupCommitter(Connection conn, EventLog events, StoreMetrics metrics, Checkpointer checkpointer, int historyRevisions,
      long revision, long compacted) throws SQLException {
    this.conn = conn;
    this.events = events;
    this.metrics = metrics;
    this.checkpointer = checkpointer;
    this.historyRevisions = historyRevisions;
    // Compact in steps of a tenth of the history, so the delete runs every ~10% of it, not per commit.
    this.compactionSlack = Math.max(historyRevisions / 10, 64);
    this.revision = revision;
    this.compacted = compacted;
    // Transactions through the JDBC API: in auto-commit mode sqlite-jdbc follows every statement
    // with a "begin;" of its own (failing inside ours) to detect a transaction left open.
    // Its transactions are DEFERRED: this is the only writer, so none waits for the write lock.
    conn.setAutoCommit(false);
    this.applier = new WriteApplier(conn);
    savepoint = conn.prepareStatement("SAVEPOINT grp");
    release = conn.prepareStatement("RELEASE grp");
    rollbackTo = conn.prepareStatement("ROLLBACK TO grp");
    setMeta = conn.prepareStatement("UPDATE meta SET value = ? WHERE name = ?");
    deleteEvents = conn.prepareStatement("DELETE FROM events WHERE rev <= ?");
    thread = Thread.ofPlatform().name("weft-store-writer").daemon(true).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Blocks until {@code writes} are durably committed or refused. */
  List<Entry> submit(List<Write> writes) {
    var pending = new Pending(writes, new CompletableFuture<>(), System.nanoTime());
    synchronized (submitLock) {
      if (closed) throw new IllegalStateException("store is closed");
      queue.add(pending);
    }
    try {
      return pending.done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        r.addSuppressed(new Exception("commit() called here"));
        throw r;
      }
      throw e;
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping || !queue.isEmpty()) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        stopping = true;
        continue;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      linger(batch);
      if (batch.remove(STOP)) stopping = true;
      if (!batch.isEmpty()) writeBatch(batch);
    }
  }

  /**
   * Callers acknowledged by the previous batch come back a moment later; without waiting for
   * them, two halves of the callers alternate, each paying a whole fsync. So while callers
   * keep arriving (each quiet period sees a new one), wait, but never longer than a quarter of
   * a typical commit, so a lone caller loses at most one short quiet period.
   */
  private void linger(List<Pending> batch) {
    if (batch.size() >= MAX_BATCH || batch.contains(STOP)) return;
    long quiet = Math.min(50_000, commitNanosEma / 10);
    long deadline = System.nanoTime() + Math.min(2_000_000, commitNanosEma / 4);
    try {
      while (batch.size() < MAX_BATCH) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return;
        Pending next = queue.poll(Math.min(quiet, left), TimeUnit.NANOSECONDS);
        if (next == null) return;
        batch.add(next);
        if (next == STOP) return;
        queue.drainTo(batch, MAX_BATCH - batch.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeBatch(List<Pending> batch) {
    long started = System.nanoTime();
    long start = revision;
    List<Event> published = new ArrayList<>();
    List<Object> outcomes = new ArrayList<>(batch.size()); // List<Entry> or RuntimeException per caller
    try {
      for (Pending p : batch) outcomes.add(applyGroup(p.writes, published));
      applier.writeEvents();
      conn.commit();
      long took = System.nanoTime() - started;
      commitNanosEma += (took - commitNanosEma) / 8;
      metrics.transaction(took);
    } catch (SQLException | RuntimeException e) {
      log.error("store batch of {} commits failed; none applied", batch.size(), e);
      applier.dropEvents();
      try {
        conn.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      revision = start;
      var failure = new IllegalStateException("store commit failed: " + e.getMessage(), e);
      for (Pending p : batch) p.done.completeExceptionally(failure);
      return;
    }
    if (revision != start) {
      events.publish(published, revision);
      checkpointer.committed((int) (revision - start));
    }
    long now = System.nanoTime();
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      Object outcome = outcomes.get(i);
      metrics.latency(now - p.queuedAt);
      if (outcome instanceof RuntimeException refused) {
        metrics.rejected(refused);
        p.done.completeExceptionally(refused);
      } else {
        for (Write w : p.writes) metrics.committed(w);
        @SuppressWarnings("unchecked")
        List<Entry> entries = (List<Entry>) outcome;
        p.done.complete(entries);
      }
    }
    metrics.batch(batch.size());
    if (revision - compacted >= historyRevisions + compactionSlack) compact();
    // After acknowledging the callers, so none waits for it.
    if (checkpointer.takeRestartRequest()) Checkpointer.checkpointFromWriter(conn);
  }

  /** One caller's group under a savepoint: its entries, or the exception that undid it. */
  private Object applyGroup(List<Write> writes, List<Event> published) throws SQLException {
    long groupStart = revision;
    int eventsBefore = published.size();
    int rowsBefore = applier.bufferedEvents();
    savepoint.execute();
    try {
      List<Entry> entries = new ArrayList<>(writes.size());
      for (Write w : writes) {
        Event e = applier.apply(w, revision + 1);
        revision++;
        published.add(e);
        entries.add(e.entry());
      }
      release.execute();
      return List.copyOf(entries);
    } catch (RuntimeException refused) { // a StoreException, or a bad argument such as a null value
      rollbackTo.execute();
      release.execute();
      revision = groupStart;
      published.subList(eventsBefore, published.size()).clear();
      applier.dropEventsFrom(rowsBefore);
      return refused;
    }
  }

  /** Drops events older than the last {@code historyRevisions}, in its own transaction, and records the revision. */
  private void compact() {
    long boundary = revision - historyRevisions;
    try {
      deleteEvents.setLong(1, boundary);
      deleteEvents.executeUpdate();
      // The revision too: with a history of 0 revisions no event is left to tell it.
      setMeta.setLong(1, revision);
      setMeta.setString(2, SqliteSchema.REVISION);
      setMeta.executeUpdate();
      setMeta.setLong(1, boundary);
      setMeta.setString(2, SqliteSchema.COMPACTED);
      setMeta.executeUpdate();
      conn.commit();
      compacted = boundary;
      events.compacted(boundary);
    } catch (SQLException e) {
      log.warn("store compaction to revision {} failed; will retry", boundary, e);
      try {
        conn.rollback();
      } catch (SQLException ignored) {
        // the transaction is already gone
      }
    }
  }

  /** Applies everything already queued, then stops the writer and releases its statements. */
  @Override
  public void close() {
    synchronized (submitLock) {
      if (closed) return;
      closed = true;
      queue.add(STOP);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      applier.close();
      for (PreparedStatement ps : List.of(savepoint, release, rollbackTo, setMeta, deleteEvents)) {
        ps.close();
      }
    } catch (SQLException e) {
      log.warn("closing store statements", e);
    }
  }
}
