package io.weft.config.store.sqlite;

import io.weft.config.store.Entry;
import io.weft.config.store.Event;
import io.weft.config.store.StoreException;
import io.weft.model.ResourceKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The change history watchers read: a ring of the newest events in memory, the events
 * table for anything older.
 *
 * <p>Concurrency: only the writer thread calls {@link #publish} and {@link #compacted(long)}.
 * Revisions are contiguous, so event {@code r} lives in slot {@code r % capacity}; the writer
 * stores slots and then the volatile {@code head}, so a watcher that reads {@code head} sees
 * every slot up to it. A slot may be overwritten by a newer event while a watcher reads it;
 * the watcher notices the revision mismatch and reads from SQLite instead. No lock is held
 * while copying, so a watcher never delays the writer; {@code lock} only pairs
 * {@code advanced.signalAll()} with watchers waiting for a new head.
 */
final class EventLog {
  /** A page of events and the cursor after it (past filtered-out events too). */
  record Page(List<Event> events, long cursor) {}

  private static final Event.Type[] TYPES = Event.Type.values();

  private final AtomicReferenceArray<Event> ring;
  private final ReadPool reads;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private volatile long head;
  private volatile long compacted;
  private volatile boolean closed;

  EventLog(int capacity, ReadPool reads, long head, long compacted) {
    this.ring = new AtomicReferenceArray<>(capacity);
    this.reads = reads;
    this.head = head;
    this.compacted = compacted;
  }

  /** The newest revision watchers may read. */
  long head() {
    return head;
  }

  long compactedRevision() {
    return compacted;
  }

  /** Writer only: makes a committed batch's events visible and wakes waiting watchers. */
  void publish(List<Event> events, long newHead) {
    for (Event e : events) ring.set(slot(e.revision()), e);
    head = newHead;
    lock.lock();
    try {
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Writer only: called after the events at or below {@code revision} are deleted. */
  void compacted(long revision) {
    compacted = revision;
  }

  void close() {
    closed = true;
    lock.lock();
    try {
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean closed() {
    return closed;
  }

  /**
   * Up to {@code max} events after {@code cursor}, without waiting.
   *
   * @throws StoreException.Compacted the history after {@code cursor} is gone
   */
  Page readAfter(long cursor, Predicate<ResourceKey> filter, int max) {
    if (cursor < compacted) throw new StoreException.Compacted(cursor, compacted);
    long h = head;
    if (cursor >= h) return new Page(List.of(), cursor);
    long upto = Math.min(h, cursor + max);
    List<Event> out = new ArrayList<>();
    for (long r = cursor + 1; r <= upto; r++) {
      Event e = ring.get(slot(r));
      if (e == null || e.revision() != r) return readFromDb(cursor, filter, max);
      if (filter.test(e.entry().key())) out.add(e);
    }
    return new Page(out, upto);
  }

  /** Waits until the head passes {@code cursor}; false at the deadline or on close. */
  boolean awaitBeyond(long cursor, long deadlineNanos) throws InterruptedException {
    if (head > cursor) return true;
    lock.lockInterruptibly();
    try {
      while (head <= cursor) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || closed) return false;
        advanced.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The same snapshot gives the compaction boundary and the rows, so a concurrent compaction cannot leave a gap. */
  private Page readFromDb(long cursor, Predicate<ResourceKey> filter, int max) {
    return reads.read(c -> {
      long boundary = reads.meta(c, SqliteSchema.COMPACTED);
      if (cursor < boundary) throw new StoreException.Compacted(cursor, boundary);
      List<Event> out = new ArrayList<>();
      long last = cursor;
      PreparedStatement ps = reads.prepared(c,
          "SELECT key, value, refs, create_rev, mod_rev, type, rev FROM events WHERE rev > ? ORDER BY rev LIMIT ?");
      ps.setLong(1, cursor);
      ps.setInt(2, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Entry entry = ReadPool.entry(rs);
          last = rs.getLong(7);
          if (filter.test(entry.key())) out.add(new Event(TYPES[rs.getInt(6)], entry, last));
        }
      }
      return new Page(out, last);
    });
  }

  private int slot(long revision) {
    return (int) (revision % ring.length());
  }
}
