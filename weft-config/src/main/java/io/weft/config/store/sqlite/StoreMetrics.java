package io.weft.config.store.sqlite;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.Write;

/** The store's Prometheus metrics, all prefixed {@code weft_store_}. */
final class StoreMetrics {
  private final Histogram commitSeconds;
  private final Histogram batchSize;
  private final Histogram transactionSeconds;
  private final Counter writes;
  private final Counter rejected;
  private final Gauge watchers;
  private final CounterDataPoint creates;
  private final CounterDataPoint updates;
  private final CounterDataPoint deletes;

  StoreMetrics(PrometheusRegistry registry) {
    commitSeconds = Histogram.builder()
        .name("weft_store_commit_duration_seconds")
        .help("Time from a commit() call reaching the writer queue to its durable acknowledgement")
        .classicOnly()
        .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
        .register(registry);
    transactionSeconds = Histogram.builder()
        .name("weft_store_transaction_duration_seconds")
        .help("Time the writer spends on one batch's transaction, BEGIN to durable COMMIT (mostly the WAL fsync)")
        .classicOnly()
        .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
        .register(registry);
    batchSize = Histogram.builder()
        .name("weft_store_commit_batch_size")
        .help("commit() calls applied in one SQLite transaction by the group committer")
        .classicOnly()
        .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
        .register(registry);
    writes = Counter.builder()
        .name("weft_store_writes_total")
        .help("Writes committed, by type")
        .labelNames("type")
        .register(registry);
    rejected = Counter.builder()
        .name("weft_store_rejected_commits_total")
        .help("commit() calls refused with a StoreException, by exception")
        .labelNames("reason")
        .register(registry);
    watchers = Gauge.builder()
        .name("weft_store_active_watchers")
        .help("Open watches")
        .register(registry);
    creates = writes.labelValues("create");
    updates = writes.labelValues("update");
    deletes = writes.labelValues("delete");
  }

  void committed(Write w) {
    switch (w) {
      case Write.Create c -> creates.inc();
      case Write.Update u -> updates.inc();
      case Write.Delete d -> deletes.inc();
    }
  }

  void rejected(RuntimeException e) {
    rejected.labelValues(e.getClass().getSimpleName()).inc();
  }

  void batch(int callers) {
    batchSize.observe(callers);
  }

  void transaction(long nanos) {
    transactionSeconds.observe(nanos / 1e9);
  }

  void latency(long nanos) {
    commitSeconds.observe(nanos / 1e9);
  }

  void watchOpened() {
    watchers.inc();
  }

  void watchClosed() {
    watchers.dec();
  }
}
