package io.weft.config.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

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

  void record(String verb, String kind, int code, long nanos) {
    requests.labelValues(verb, kind, Integer.toString(code)).inc();
    latency.labelValues(verb, kind).observe(nanos / 1e9);
  }

  void watchOpened() {
    watchers.inc();
  }

  void watchClosed() {
    watchers.dec();
  }
}
