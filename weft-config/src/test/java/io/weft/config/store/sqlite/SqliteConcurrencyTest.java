package io.weft.config.store.sqlite;

import static io.weft.config.store.sqlite.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.Entry;
import io.weft.config.store.StoreException;
import io.weft.config.store.Write;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConcurrencyTest {
  @TempDir Path dir;
  SqliteStore store;
  ExecutorService pool = Executors.newFixedThreadPool(16);

  @BeforeEach
  void open() {
    store = new SqliteStore(dir.resolve("weft.db"), 100_000, new PrometheusRegistry());
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    store.close();
  }

  @Test
  void ofTwoUpdatesFromTheSameRevisionExactlyOneWins() throws Exception {
    for (int round = 0; round < 25; round++) {
      Entry e = store.apply(create(project("p" + round), "v0"));
      var barrier = new CyclicBarrier(2);
      List<Future<Object>> results = new ArrayList<>();
      for (String value : List.of("left", "right")) {
        results.add(pool.submit(() -> {
          barrier.await();
          try {
            return store.apply(update(e.key(), value, e.modRevision()));
          } catch (StoreException.VersionConflict conflict) {
            return conflict;
          }
        }));
      }
      List<Object> outcomes = List.of(results.get(0).get(), results.get(1).get());
      assertThat(outcomes).filteredOn(o -> o instanceof Entry).hasSize(1);
      assertThat(outcomes).filteredOn(o -> o instanceof StoreException.VersionConflict).hasSize(1);
      Entry winner = (Entry) outcomes.stream().filter(o -> o instanceof Entry).findFirst().orElseThrow();
      assertThat(describe(store.get(e.key()).orElseThrow())).isEqualTo(describe(winner));
    }
  }

  @Test
  void aRefusedGroupInABatchRollsBackOnlyItself() throws Exception {
    store.apply(create(project("taken"), "x"));
    var barrier = new CyclicBarrier(16);
    List<Future<Object>> results = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      int id = t;
      results.add(pool.submit(() -> {
        barrier.await();
        List<Object> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          // Odd callers end their group with a create of a taken key, so the whole group must vanish.
          List<Write> group = new ArrayList<>(List.of(create(project("t" + id + "-" + i), "v"),
              create(vn("t" + id + "-" + i, "net"), "n", project("t" + id + "-" + i))));
          if (id % 2 == 1) group.add(create(project("taken"), "dup"));
          try {
            outcomes.add(store.commit(group));
          } catch (StoreException.AlreadyExists refused) {
            outcomes.add(refused);
          }
        }
        return outcomes;
      }));
    }
    for (int t = 0; t < 16; t++) {
      @SuppressWarnings("unchecked")
      List<Object> outcomes = (List<Object>) results.get(t).get();
      Class<?> expected = t % 2 == 1 ? StoreException.AlreadyExists.class : List.class;
      assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(expected));
    }
    var all = store.listAll();
    assertThat(all.entries()).hasSize(1 + 8 * 50 * 2);
    assertThat(all.revision()).isEqualTo(1 + 8 * 50 * 2);
    assertThat(all.entries()).extracting(Entry::modRevision).doesNotHaveDuplicates()
        .allSatisfy(r -> assertThat(r).isBetween(1L, all.revision()));
  }
}
