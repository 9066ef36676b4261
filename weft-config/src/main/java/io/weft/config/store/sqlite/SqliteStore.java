package io.weft.config.store.sqlite;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.Entry;
import io.weft.config.store.Listing;
import io.weft.config.store.Store;
import io.weft.config.store.StoreException;
import io.weft.config.store.Watch;
import io.weft.config.store.Write;
import io.weft.model.Kind;
import io.weft.model.ResourceKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL.
 *
 * <p>Threads and what they own:
 * <ul>
 *   <li>Callers of {@link #commit} enqueue their group and block until it is durable or
 *       refused ({@link GroupCommitter}). Throughput comes from sharing one WAL fsync among
 *       every caller queued meanwhile, so it is bounded by callers / fsync latency.
 *   <li>One platform thread, {@code weft-store-writer}, owns the write connection, the
 *       revision counter and compaction. It applies a batch of queued groups in one
 *       transaction (a SAVEPOINT each), commits once, publishes the events to the
 *       {@link EventLog} ring, and then acknowledges the callers.
 *   <li>One platform thread, {@code weft-store-checkpoint}, copies the WAL into the database
 *       file beside the writer ({@link Checkpointer}).
 *   <li>Readers ({@link #get}, {@link #list}, {@link #listAll}, watchers falling back to the
 *       events table) borrow a connection from {@link ReadPool} for one read transaction;
 *       WAL lets them run beside the writer on a committed snapshot.
 *   <li>Watchers ({@link SqliteWatch}) poll on their own threads, read the ring without
 *       locks, and wait on the log's condition, which the writer signals after each commit.
 * </ul>
 * Shared mutable state is only: the writer queue (its own lock, plus a monitor making
 * close-vs-submit atomic), the ring slots and the volatile head/compacted in {@link EventLog}.
 */
public final class SqliteStore implements Store {
  private static final int READ_CONNECTIONS = 4;
  private static final int RING_CAPACITY = 16_384;
  private static final String ENTRY_COLUMNS = "SELECT key, value, refs, create_rev, mod_rev FROM entries";

  private final Connection writer;
  private final ReadPool reads;
  private final EventLog events;
  private final GroupCommitter committer;
  private final Checkpointer checkpointer;
  private final StoreMetrics metrics;

  /**
   * Opens (creating if needed) the store at {@code file}, keeping at least the last
   * {@code historyRevisions} revisions of watch history.
   */
  public SqliteStore(Path file, int historyRevisions, PrometheusRegistry registry) {
    this(file, historyRevisions, registry, Checkpointer.RESTART_FRAMES);
  }

  /** As above, restarting the WAL once it holds {@code walRestartFrames} frames (tests use small ones). */
  SqliteStore(Path file, int historyRevisions, PrometheusRegistry registry, int walRestartFrames) {
    if (historyRevisions < 0) throw new IllegalArgumentException("historyRevisions must be >= 0");
    Connection w = null;
    ReadPool r = null;
    Checkpointer cp = null;
    try {
      w = SqliteSchema.openWriter(file);
      cp = new Checkpointer(file, walRestartFrames);
      long revision = SqliteSchema.revision(w);
      long compacted = SqliteSchema.meta(w, SqliteSchema.COMPACTED);
      r = new ReadPool(file, READ_CONNECTIONS);
      this.metrics = new StoreMetrics(registry);
      this.events = new EventLog(RING_CAPACITY, r, revision, compacted);
      this.committer = new GroupCommitter(w, events, metrics, cp, historyRevisions, revision, compacted);
    } catch (SQLException | RuntimeException e) {
      if (r != null) r.close();
      if (cp != null) cp.close();
      try {
        if (w != null) w.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("cannot open the SQLite store at " + file + ": " + e.getMessage(), e);
    }
    this.writer = w;
    this.reads = r;
    this.checkpointer = cp;
    checkpointer.start();
    committer.start();
  }

  @Override
  public long revision() {
    return events.head();
  }

  @Override
  public long compactedRevision() {
    return events.compactedRevision();
  }

  @Override
  public Optional<Entry> get(ResourceKey key) {
    String encoded = Keys.encode(key);
    return reads.read(c -> {
      PreparedStatement ps = reads.prepared(c, ENTRY_COLUMNS + " WHERE key = ?");
      ps.setString(1, encoded);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(ReadPool.entry(rs)) : Optional.empty();
      }
    });
  }

  @Override
  public Listing list(Kind kind, String project) {
    String[] range = Keys.range(kind, project);
    return snapshot(ENTRY_COLUMNS + " WHERE key >= ? AND key < ?", range);
  }

  @Override
  public Listing listAll() {
    return snapshot(ENTRY_COLUMNS, new String[0]);
  }

  /** The revision and the rows come from one read transaction, so they agree. */
  private Listing snapshot(String sql, String[] args) {
    return reads.read(c -> {
      long revision = reads.revision(c);
      List<Entry> entries = new ArrayList<>();
      PreparedStatement ps = reads.prepared(c, sql);
      for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) entries.add(ReadPool.entry(rs));
      }
      // ResourceKey's order (kind ordinal, project, name) is not the encoded text order.
      entries.sort((a, b) -> a.key().compareTo(b.key()));
      return new Listing(revision, entries);
    });
  }

  @Override
  public List<Entry> commit(List<Write> writes) {
    for (Write w : writes) Objects.requireNonNull(w, "write");
    if (writes.isEmpty()) return List.of();
    return committer.submit(List.copyOf(writes));
  }

  @Override
  public Watch watch(long afterRevision, Predicate<ResourceKey> filter) {
    long boundary = events.compactedRevision();
    if (afterRevision < boundary) throw new StoreException.Compacted(afterRevision, boundary);
    metrics.watchOpened();
    return new SqliteWatch(events, afterRevision, filter, metrics::watchClosed);
  }

  /** WAL checkpoints run so far (for tests). */
  long checkpoints() {
    return checkpointer.checkpoints();
  }

  /** Finishes every queued commit, wakes watchers (their polls return empty) and closes the file. */
  @Override
  public void close() {
    committer.close();
    checkpointer.close();
    events.close();
    reads.close();
    try {
      writer.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing the SQLite store: " + e.getMessage(), e);
    }
  }
}
