package io.weft.config.store.sqlite;

import io.weft.config.store.Event;
import io.weft.config.store.Watch;
import io.weft.model.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A watcher: a cursor into the {@link EventLog} plus a key filter. It only reads, so a slow
 * watcher costs the writer nothing; it reads from the ring while it keeps up and from the
 * events table once it falls behind the ring.
 *
 * <p>{@link #poll} is meant for one thread at a time; {@link #revision} and {@link #close}
 * may be called from any thread. The cursor also moves past events the filter drops, so
 * {@link #revision} is the revision the watcher has seen everything up to.
 */
final class SqliteWatch implements Watch {
  static final int MAX_EVENTS_PER_POLL = 1000;

  private final EventLog log;
  private final Predicate<ResourceKey> filter;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long cursor;

  SqliteWatch(EventLog log, long afterRevision, Predicate<ResourceKey> filter, Runnable onClose) {
    this.log = log;
    this.cursor = afterRevision;
    this.filter = filter;
    this.onClose = onClose;
  }

  @Override
  public List<Event> poll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed.get() && !log.closed()) {
      EventLog.Page page = log.readAfter(cursor, filter, MAX_EVENTS_PER_POLL);
      cursor = page.cursor();
      if (!page.events().isEmpty()) return page.events();
      // A far-behind watcher whose filter drops everything must still return at its deadline.
      if (System.nanoTime() - deadline >= 0 || !log.awaitBeyond(cursor, deadline)) break;
    }
    return List.of();
  }

  @Override
  public long revision() {
    return cursor;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) onClose.run();
  }
}
