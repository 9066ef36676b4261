package io.weft.config.store.sqlite;

import static io.weft.config.store.sqlite.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.Entry;
import io.weft.config.store.Event;
import io.weft.config.store.Listing;
import io.weft.config.store.StoreException;
import io.weft.config.store.Watch;
import io.weft.config.store.Write;
import io.weft.model.Kind;
import io.weft.model.Metadata;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteWatchTest {
  @TempDir Path dir;
  SqliteStore store;

  SqliteStore open(int history) {
    if (store != null) store.close();
    store = new SqliteStore(dir.resolve("weft.db"), history, new PrometheusRegistry());
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) store.close();
  }

  static List<Event> drain(Watch w, long upTo) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (w.revision() < upTo && System.nanoTime() < deadline) out.addAll(w.poll(Duration.ofMillis(200)));
    return out;
  }

  /** A writer's decoded resource reaches in-process watchers with its event; the events table holds only the bytes. */
  @Test
  void theDecodedResourceTravelsWithTheEventInProcessOnly() throws Exception {
    open(1000);
    store.apply(create(project("p"), "p"));
    Resource red = Resource.of(Metadata.of("p", "red"), new io.weft.model.spec.VirtualNetworkSpec(
        List.of(), null, null, null, List.of(), List.of(), List.of(), false, false, false, false, List.of(), List.of()));
    Entry created = store.apply(new Write.Create(vn("p", "red"), bytes("{}"), java.util.Set.of(project("p")), red));
    store.apply(new Write.Update(vn("p", "red"), bytes("{ }"), java.util.Set.of(project("p")), created.modRevision(), red));
    try (Watch w = store.watch(0, k -> k.kind() == Kind.VIRTUAL_NETWORK)) {
      assertThat(drain(w, store.revision())).extracting(Event::decoded).containsExactly(red, red);
    }
    open(1000); // a restart: the ring is empty, events come from the table
    try (Watch w = store.watch(0, k -> k.kind() == Kind.VIRTUAL_NETWORK)) {
      assertThat(drain(w, store.revision())).extracting(Event::decoded).containsExactly(null, null);
    }
  }

  /** From the ring (same process) and from the events table (after a restart the ring is empty). */
  @ParameterizedTest(name = "restart before watching: {0}")
  @ValueSource(booleans = {false, true})
  void aWatchFromAnOldRevisionReplaysEveryLaterEventInOrder(boolean restart) throws Exception {
    open(1000);
    store.apply(create(project("p"), "p"));
    Entry a = store.apply(create(vn("p", "a"), "a1", project("p")));
    store.apply(update(vn("p", "a"), "a2", a.modRevision(), project("p")));
    store.apply(create(vn("p", "b"), "b"));
    store.apply(new Write.Delete(vn("p", "a"), 0));
    if (restart) open(1000);

    try (Watch w = store.watch(1, k -> true)) {
      List<Event> events = drain(w, 5);
      assertThat(events).extracting(Event::revision).containsExactly(2L, 3L, 4L, 5L);
      assertThat(events).extracting(Event::type)
          .containsExactly(Event.Type.ADDED, Event.Type.MODIFIED, Event.Type.ADDED, Event.Type.DELETED);
      Event deleted = events.get(3);
      assertThat(new String(deleted.entry().value())).isEqualTo("a2");
      assertThat(deleted.entry().references()).containsExactly(project("p"));
      assertThat(deleted.entry().createRevision()).isEqualTo(2);
      assertThat(w.revision()).isEqualTo(5);
      assertThat(w.poll(Duration.ofMillis(50))).isEmpty();
    }
  }

  @Test
  void aWatchSeesOnlyKeysPassingItsFilterAndWakesOnNewCommits() throws Exception {
    open(1000);
    store.apply(create(project("p"), "p"));
    try (Watch w = store.watch(store.revision(), k -> k.kind() == Kind.VIRTUAL_NETWORK)) {
      var later = Executors.newSingleThreadScheduledExecutor();
      later.schedule(() -> store.commit(List.of(create(project("q"), "q"), create(vn("q", "x"), "x", project("q")))),
          100, java.util.concurrent.TimeUnit.MILLISECONDS);
      List<Event> events = w.poll(Duration.ofSeconds(10));
      later.shutdown();
      assertThat(events).extracting(e -> e.entry().key()).containsExactly(vn("q", "x"));
      assertThat(events.getFirst().revision()).isEqualTo(3);
    }
  }

  @Test
  void listThenWatchFromTheListingsRevisionLosesNothingUnderConcurrentWrites() throws Exception {
    open(100_000);
    store.apply(create(project("p"), "p"));
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        running.add(writers.submit(() -> {
          for (int i = 0; i < 300; i++) {
            ResourceKey k = vn("p", "n" + id + "-" + i);
            Entry e = store.apply(create(k, "v", project("p")));
            if (i % 3 == 0) store.apply(update(k, "w", e.modRevision(), project("p")));
            if (i % 5 == 0) store.apply(new Write.Delete(k, 0));
          }
        }));
      }
      while (store.revision() < 200) Thread.sleep(5);

      Listing listing = store.list(Kind.VIRTUAL_NETWORK, "p");
      Map<ResourceKey, String> state = new HashMap<>();
      for (Entry e : listing.entries()) state.put(e.key(), describe(e));
      List<Event> events = new ArrayList<>();
      try (Watch w = store.watch(listing.revision(), k -> k.kind() == Kind.VIRTUAL_NETWORK)) {
        for (Future<?> f : running) f.get();
        events.addAll(drain(w, store.revision()));
      }
      for (Event e : events) {
        if (e.type() == Event.Type.DELETED) state.remove(e.entry().key());
        else state.put(e.entry().key(), describe(e.entry()));
      }
      assertThat(events).extracting(Event::revision)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(listing.revision() + 1, store.revision()).boxed().toList());
      Map<ResourceKey, String> expected = new HashMap<>();
      for (Entry e : store.list(Kind.VIRTUAL_NETWORK, "p").entries()) expected.put(e.key(), describe(e));
      assertThat(state).isEqualTo(expected);
    } finally {
      writers.shutdownNow();
    }
  }

  @Test
  void aCompactedStartRevisionThrowsAndASlowWatcherIsToldItFellBehind() throws Exception {
    open(10);
    Watch slow = store.watch(0, k -> true);
    for (int i = 0; i < 30; i++) {
      store.commit(List.of(create(project("a" + i), "v"), create(project("b" + i), "v"), create(project("c" + i), "v")));
    }
    long compacted = store.compactedRevision();
    assertThat(compacted).isGreaterThanOrEqualTo(90 - 10 - 64).isLessThanOrEqualTo(80);

    assertThatThrownBy(() -> store.watch(compacted - 1, k -> true))
        .isInstanceOfSatisfying(StoreException.Compacted.class, e -> assertThat(e.compactedRevision()).isEqualTo(compacted));
    assertThatThrownBy(() -> slow.poll(Duration.ofMillis(10))).isInstanceOf(StoreException.Compacted.class);
    slow.close();

    try (Watch w = store.watch(compacted, k -> true)) {
      List<Event> events = drain(w, 90);
      assertThat(events.getFirst().revision()).isEqualTo(compacted + 1);
      assertThat(events.getLast().revision()).isEqualTo(90);
    }
  }
}
