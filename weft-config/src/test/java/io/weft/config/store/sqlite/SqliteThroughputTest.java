package io.weft.config.store.sqlite;

import static io.weft.config.store.sqlite.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable single-row creates from 16 concurrent callers. Prints the rate and the mean batch
 * size; asserts only correctness (speed belongs to benchmarks, never to assertions).
 */
class SqliteThroughputTest {
  static final int CALLERS = 16;
  static final int CREATES_PER_CALLER = 1_000;

  @TempDir Path dir;

  /** The anchor: one 4 KiB append plus force, the floor of any durable commit on this disk. */
  static double fsyncSeconds(Path file) throws java.io.IOException {
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND)) {
      var page = java.nio.ByteBuffer.allocate(4096);
      int rounds = 100;
      long t0 = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        ch.write(page.clear());
        ch.force(false);
      }
      return (System.nanoTime() - t0) / 1e9 / rounds;
    }
  }

  @Test
  void sixteenCallersCreatingSingleRows() throws Exception {
    var registry = new PrometheusRegistry();
    try (var store = new SqliteStore(dir.resolve("weft.db"), 100_000, registry)) {
      store.apply(create(project("p"), "p"));
      var start = new CountDownLatch(1);
      var failures = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < CALLERS; t++) {
        int id = t;
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            start.await();
            byte[] value = new byte[200];
            for (int i = 0; i < CREATES_PER_CALLER; i++) {
              store.apply(new io.weft.config.store.Write.Create(vn("p", "n" + id + "-" + i), value, java.util.Set.of(project("p"))));
            }
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }));
      }
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long writerId = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("weft-store-writer")).findFirst().orElseThrow().threadId();
      long cpu0 = mx.getThreadCpuTime(writerId);
      long t0 = System.nanoTime();
      start.countDown();
      for (Thread t : threads) t.join();
      double seconds = (System.nanoTime() - t0) / 1e9;
      double writerCpu = (mx.getThreadCpuTime(writerId) - cpu0) / 1e9;
      int total = CALLERS * CREATES_PER_CALLER;
      var batches = registry.scrape().stream().filter(m -> m.getMetadata().getName().equals("weft_store_commit_batch_size")).findFirst().orElseThrow();
      var data = ((io.prometheus.metrics.model.snapshots.HistogramSnapshot) batches).getDataPoints().getFirst();
      double fsync = fsyncSeconds(dir.resolve("fsync-probe"));
      System.out.printf("SqliteStore writer thread: %.1f us CPU per create (%.0f%% of wall time busy on CPU)%n",
          writerCpu * 1e6 / total, 100 * writerCpu / seconds);
      System.out.printf("SqliteStore: %d durable creates from %d callers in %.2f s = %.0f creates/s, mean batch %.1f callers;"
              + " this disk's fsync takes %.2f ms, so %d callers can reach at most %.0f creates/s%n",
          total, CALLERS, seconds, total / seconds, data.getSum() / data.getCount(), fsync * 1e3, CALLERS, CALLERS / fsync);
      assertThat(failures).hasValue(0);
      assertThat(store.revision()).isEqualTo(total + 1);
    }
  }
}
