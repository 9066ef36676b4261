package io.weft.control.bgp;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** BGP's Prometheus metrics, read from {@link BgpService} at scrape time. */
public final class BgpMetrics {
  private BgpMetrics() {}

  public static void register(PrometheusRegistry registry, BgpService bgp) {
    GaugeWithCallback.builder().name("weft_control_bgp_neighbours").help("Configured BGP neighbours, by session state")
        .labelNames("state").callback(cb -> {
          java.util.Map<String, Integer> byState = new java.util.TreeMap<>();
          for (BgpNeighbour.Status s : bgp.status()) byState.merge(s.state().toLowerCase(), 1, Integer::sum);
          byState.forEach((k, v) -> cb.call(v, k));
        }).register(registry);
    GaugeWithCallback.builder().name("weft_control_bgp_prefixes_received").help("Prefixes received, per neighbour and family")
        .labelNames("neighbour", "family").callback(cb -> {
          for (BgpNeighbour.Status s : bgp.status()) s.prefixesReceived().forEach((f, c) -> cb.call(c, s.address(), f));
        }).register(registry);
    GaugeWithCallback.builder().name("weft_control_bgp_prefixes_sent").help("Prefixes in the Adj-RIB-Out, per neighbour and family")
        .labelNames("neighbour", "family").callback(cb -> {
          for (BgpNeighbour.Status s : bgp.status()) s.prefixesSent().forEach((f, c) -> cb.call(c, s.address(), f));
        }).register(registry);
    GaugeWithCallback.builder().name("weft_control_bgp_local_routes").help("VPN/EVPN routes originated from agent paths")
        .callback(cb -> cb.call(bgp.localRouteCount())).register(registry);
    CounterWithCallback.builder().name("weft_control_bgp_stale_paths_swept").help("Stale BGP paths removed after graceful restart")
        .callback(cb -> cb.call(bgp.staleSwept())).register(registry);
    CounterWithCallback.builder().name("weft_control_bgp_loops_rejected")
        .help("Received paths dropped by AS_PATH, ORIGINATOR_ID or CLUSTER_LIST loop checks")
        .callback(cb -> cb.call(bgp.rejectedLoops())).register(registry);
  }
}
