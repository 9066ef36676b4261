package io.weft.config.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.ConcurrentHashMap;

/** The API server's Prometheus metrics: requests by verb, kind and code, latency, open watches. */
final class ApiMetrics {
  private final Counter requests;
  private final Histogram latency;
  private final Gauge watchers;

  ApiMetrics(PrometheusRegistry registry) {
    requests = Counter.builder()
        .name("weft_config_api_requests_total")
        .help("Config API requests by verb, kind and status code")
        .labelNames("verb", "kind", "code")
        .register(registry);
    latency = Histogram.builder()
        .name("weft_config_api_request_duration_seconds")
        .help("Config API request latency by verb and kind (watches: the stream's lifetime)")
        .labelNames("verb", "kind")
        .classicOnly()
        .register(registry);
    watchers = Gauge.builder()
        .name("weft_config_api_watchers")
        .help("Watch streams currently open")
        .register(registry);
  }

  /** One label combination's data points, looked up once: labelValues() checks and copies its arguments on every call. */
  private record Series(CounterDataPoint requests, DistributionDataPoint latency) {}

  private record Labels(String verb, String kind, int code) {
    // By hand: a record's generated equals and hashCode go through method handles, slow under C1.
    @Override
    public boolean equals(Object o) {
      return o instanceof Labels l && code == l.code && verb.equals(l.verb) && kind.equals(l.kind);
    }

    @Override
    public int hashCode() {
      return (verb.hashCode() * 31 + kind.hashCode()) * 31 + code;
    }
  }

  private final ConcurrentHashMap<Labels, Series> series = new ConcurrentHashMap<>();

  void record(String verb, String kind, int code, long nanos) {
    Series s = series.computeIfAbsent(new Labels(verb, kind, code),
        l -> new Series(requests.labelValues(l.verb(), l.kind(), Integer.toString(l.code())), latency.labelValues(l.verb(), l.kind())));
    s.requests().inc();
    s.latency().observe(nanos / 1e9);
  }

  void watchOpened() {
    watchers.inc();
  }

  void watchClosed() {
    watchers.dec();
  }
}
