package io.weft.compiler;

import io.weft.config.store.Entry;
import io.weft.config.store.Event;
import io.weft.config.store.Listing;
import io.weft.config.store.Store;
import io.weft.config.store.StoreException;
import io.weft.config.store.Watch;
import io.weft.config.store.Write;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.ResourceKey;
import io.weft.model.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the {@link Compiler} in the config role: lists the store, compiles everything,
 * reconciles the derived objects in the store with the result, then watches from the
 * listing's revision and feeds each batch of events to the incremental compiler, writing
 * only the derived objects that changed. On {@link StoreException.Compacted} (or a write
 * the store refuses) it starts over from a fresh listing.
 *
 * <p>Concurrency: one platform thread ("weft-compiler") owns the compiler and does every
 * store read and write; {@link #awaitRevision} is the only cross-thread call and waits on
 * {@link #progress} (guarded by {@code this}).
 */
public final class CompilerService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CompilerService.class.getName());
  private static final int WRITES_PER_COMMIT = 1000;
  private static final Duration POLL = Duration.ofMillis(200);

  private final Store store;
  private final ResourceCodec codec;
  private final Thread thread;
  private volatile boolean running;
  /** Guarded by {@code this}: the store revision whose effects are all written. */
  private long progress;
  private long fullCompiles;
  private Compiler compiler;
  /** Derived keys present in the store (owned by the compiler thread). */
  private final Set<ResourceKey> present = new java.util.HashSet<>();

  public CompilerService(Store store, ResourceCodec codec) {
    this.store = store;
    this.codec = codec;
    this.thread = Thread.ofPlatform().name("weft-compiler").daemon().unstarted(this::run);
  }

  public void start() {
    running = true;
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until every change up to store revision {@code revision} is compiled and its
   * derived objects written. Returns false on timeout.
   */
  public synchronized boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (progress < revision) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** The store revision the derived objects reflect. */
  public synchronized long revision() {
    return progress;
  }

  /** How many times the service compiled from a fresh listing (1 after start, more after compactions). */
  public synchronized long fullCompiles() {
    return fullCompiles;
  }

  private synchronized void advance(long revision) {
    if (revision > progress) {
      progress = revision;
      notifyAll();
    }
  }

  private void run() {
    while (running) {
      try {
        long from = resync();
        try (Watch watch = store.watch(from, key -> true)) {
          while (running) {
            List<Event> events = watch.poll(POLL);
            if (events.isEmpty()) {
              // Nothing for us; everything up to the watch cursor is reflected.
              advance(watch.revision());
              continue;
            }
            apply(events);
            advance(events.getLast().revision());
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (StoreException.Compacted e) {
        LOG.log(System.Logger.Level.INFO, "compiler watch compacted ({0}); compiling again from a fresh listing", e.getMessage());
      } catch (RuntimeException e) {
        if (!running) return;
        LOG.log(System.Logger.Level.WARNING, "compiler failed; compiling again from a fresh listing", e);
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Lists, compiles everything, reconciles the stored derived objects; returns the listing's revision. */
  private long resync() {
    Listing listing = store.listAll();
    List<Resource> all = new ArrayList<>(listing.entries().size());
    Map<ResourceKey, Entry> stored = new HashMap<>();
    for (Entry e : listing.entries()) {
      if (!Compiler.isInput(e.key().kind())) {
        if (!e.key().kind().derived()) continue;
        stored.put(e.key(), e);
        // Only routing instances carry state (pool assignments) the compiler reads back.
        if (e.key().kind() != io.weft.model.Kind.ROUTING_INSTANCE) continue;
      }
      Resource r = parse(e);
      if (r != null) all.add(r);
    }
    compiler = new Compiler(Compiler.seedsOf(all));
    compiler.load(all);
    Map<ResourceKey, Resource> out = compiler.derived();
    // Serialising every derived object is most of a full sync's CPU: spread it over the cores.
    List<Write> writes = new ArrayList<>(out.entrySet().parallelStream().map(e -> {
      byte[] bytes = codec.toJson(e.getValue());
      Entry old = stored.get(e.getKey());
      if (old == null) return (Write) new Write.Create(e.getKey(), bytes, Set.of());
      return Arrays.equals(old.value(), bytes) ? null : (Write) new Write.Update(e.getKey(), bytes, Set.of(), 0);
    }).filter(java.util.Objects::nonNull).toList());
    for (ResourceKey k : stored.keySet()) if (!out.containsKey(k)) writes.add(new Write.Delete(k, 0));
    commit(writes);
    present.clear();
    present.addAll(out.keySet());
    synchronized (this) {
      fullCompiles++;
    }
    advance(listing.revision());
    return listing.revision();
  }

  private void apply(List<Event> events) {
    List<Change> changes = new ArrayList<>(events.size());
    for (Event ev : events) {
      ResourceKey key = ev.entry().key();
      if (!Compiler.isInput(key.kind())) continue;
      if (ev.type() == Event.Type.DELETED) {
        changes.add(new Change.Removal(key));
      } else {
        // Written through the API in this process: take the resource it validated, not the JSON again.
        Resource r = ev.decoded() != null ? ev.decoded() : parse(ev.entry());
        changes.add(r == null ? new Change.Removal(key) : new Change.Upsert(r));
      }
    }
    if (changes.isEmpty()) return;
    Delta delta = compiler.apply(changes);
    List<Write> writes = new ArrayList<>(delta.upserts().size() + delta.removals().size());
    for (Resource r : delta.upserts()) {
      byte[] bytes = codec.toJson(r);
      writes.add(present.add(r.key()) ? new Write.Create(r.key(), bytes, Set.of()) : new Write.Update(r.key(), bytes, Set.of(), 0));
    }
    for (ResourceKey k : delta.removals()) if (present.remove(k)) writes.add(new Write.Delete(k, 0));
    commit(writes);
  }

  private void commit(List<Write> writes) {
    for (int i = 0; i < writes.size(); i += WRITES_PER_COMMIT) {
      store.commit(writes.subList(i, Math.min(writes.size(), i + WRITES_PER_COMMIT)));
    }
  }

  private Resource parse(Entry e) {
    try {
      return codec.parseJson(e.value());
    } catch (ValidationException | IllegalArgumentException ex) {
      LOG.log(System.Logger.Level.WARNING, "skipping {0}: it no longer parses: {1}", e.key(), ex.getMessage());
      return null;
    }
  }
}
