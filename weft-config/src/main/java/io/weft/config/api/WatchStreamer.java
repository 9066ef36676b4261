package io.weft.config.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.config.store.Event;
import io.weft.config.store.Store;
import io.weft.config.store.StoreException;
import io.weft.config.store.Watch;
import io.weft.model.LabelSelector;
import io.weft.model.ResourceKey;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Streams a watch as ndjson (API.md "Watch"). Each stream runs on its request's virtual
 * thread and pulls from its own {@link Watch}, so a slow client only slows itself: the
 * store keeps the history, and a client too slow for it gets an ERROR line.
 *
 * <p>A stream ends when the client goes away (the next write fails; at the latest at the
 * next bookmark), or when {@link #shutdown()} is called (within one poll interval).
 */
final class WatchStreamer {
  static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(10);
  private static final Duration MAX_POLL = Duration.ofMillis(250);
  /** {@code {"type":"ADDED","object":} per event type, by ordinal; the object and {@link #LINE_END} follow. */
  private static final byte[][] TYPE_PREFIX = java.util.Arrays.stream(Event.Type.values())
      .map(t -> ("{\"type\":\"" + t.name() + "\",\"object\":").getBytes(java.nio.charset.StandardCharsets.UTF_8))
      .toArray(byte[][]::new);
  private static final byte[] LINE_END = {'}', '\n'};

  private final Store store;
  private final Bodies bodies;
  private final ApiMetrics metrics;
  private final Duration bookmarkInterval;
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean shuttingDown;

  WatchStreamer(Store store, Bodies bodies, ApiMetrics metrics, Duration bookmarkInterval) {
    this.store = store;
    this.bodies = bodies;
    this.metrics = metrics;
    this.bookmarkInterval = bookmarkInterval;
  }

  /** Where a stream writes: headers go out on the first flush. */
  interface Sink {
    OutputStream begin() throws IOException;
  }

  /**
   * Opens the store watch first, so a compacted start revision is a 410 before any byte of
   * the stream; then streams until the client or the server goes.
   */
  void stream(Long fromRevision, Predicate<ResourceKey> filter, LabelSelector selector, Sink sink) {
    long after = fromRevision == null ? store.revision() : fromRevision;
    Watch watch = store.watch(after, filter);
    open.incrementAndGet();
    metrics.watchOpened();
    try (watch) {
      // One flush per poll sends the batch; buffering here keeps Jetty's (locked) write path
      // to one call per batch rather than three per event.
      OutputStream out = new java.io.BufferedOutputStream(sink.begin(), 32 * 1024);
      out.flush();
      long quietSince = System.nanoTime();
      while (!shuttingDown) {
        List<Event> events;
        try {
          events = watch.poll(bookmarkInterval.compareTo(MAX_POLL) < 0 ? bookmarkInterval : MAX_POLL);
        } catch (StoreException.Compacted e) {
          out.write(bodies.line(expired(e)));
          out.flush();
          return;
        }
        boolean wrote = false;
        for (Event e : events) {
          if (selector.requirements().isEmpty()) {
            // Every event of an unfiltered watch (the control nodes'): bytes spliced, no tree.
            out.write(TYPE_PREFIX[e.type().ordinal()]);
            out.write(bodies.answerJson(e.entry(), e.revision()));
            out.write(LINE_END);
            wrote = true;
            continue;
          }
          ObjectNode object = bodies.answer(e.entry(), e.revision());
          if (!selector.matches(Labels.of(object))) continue;
          ObjectNode line = bodies.json().createObjectNode();
          line.put("type", e.type().name());
          line.set("object", object);
          out.write(bodies.line(line));
          wrote = true;
        }
        if (!wrote && System.nanoTime() - quietSince >= bookmarkInterval.toNanos()) {
          out.write(bodies.line(bookmark(watch.revision())));
          wrote = true;
        }
        if (wrote) {
          out.flush();
          quietSince = System.nanoTime();
        }
      }
    } catch (IOException clientGone) {
      // The client closed the stream; nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      metrics.watchClosed();
      open.decrementAndGet();
    }
  }

  private ObjectNode bookmark(long revision) {
    ObjectNode line = bodies.json().createObjectNode();
    line.put("type", "BOOKMARK");
    line.putObject("object").putObject("metadata").put("resourceVersion", revision);
    return line;
  }

  private ObjectNode expired(StoreException.Compacted e) {
    ObjectNode line = bodies.json().createObjectNode();
    line.put("type", "ERROR");
    line.putObject("object").put("code", 410).put("reason", "Expired").put("message", e.getMessage());
    return line;
  }

  /** Ends every stream; waits up to {@code grace} for them to finish their last line. */
  void shutdown(Duration grace) {
    shuttingDown = true;
    long deadline = System.nanoTime() + grace.toNanos();
    while (open.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
