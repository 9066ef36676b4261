package io.weft.control.introspect;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.control.rib.Rib;
import io.weft.control.xmpp.AgentSessions;

/** The control node's Prometheus metrics, read from the RIB and the sessions at scrape time. */
public final class ControlMetrics {
  private ControlMetrics() {}

  public static void register(PrometheusRegistry registry, Rib rib, AgentSessions sessions) {
    GaugeWithCallback.builder().name("weft_control_xmpp_sessions").help("Established agent XMPP sessions")
        .callback(cb -> cb.call(sessions.sessionCount())).register(registry);
    GaugeWithCallback.builder().name("weft_control_paths").help("Paths published by peers (Adj-RIB-In, all peers)")
        .callback(cb -> cb.call(rib.pathCount())).register(registry);
    GaugeWithCallback.builder().name("weft_control_routes").help("Routes in every table of every instance, imported ones included")
        .callback(cb -> cb.call(rib.routeCount())).register(registry);
    GaugeWithCallback.builder().name("weft_control_instances").help("Routing instances")
        .callback(cb -> cb.call(rib.instances().size())).register(registry);
    GaugeWithCallback.builder().name("weft_control_update_queue_depth").help("Pending updates over all agent queues")
        .callback(cb -> cb.call(sessions.status().stream().mapToInt(s -> s.queued()).sum())).register(registry);
    CounterWithCallback.builder().name("weft_control_updates_sent").help("Route, config and End-of-RIB updates sent to agents")
        .callback(cb -> cb.call(sessions.status().stream().mapToLong(s -> s.updatesSent()).sum())).register(registry);
    CounterWithCallback.builder().name("weft_control_routes_rejected").help("Agent routes or stanzas refused")
        .callback(cb -> cb.call(sessions.routesRejected())).register(registry);
    CounterWithCallback.builder().name("weft_control_stale_paths_swept").help("Stale paths removed after graceful restart")
        .callback(cb -> cb.call(sessions.staleSwept())).register(registry);
    CounterWithCallback.builder().name("weft_control_session_closes").help("Agent sessions closed, by reason").labelNames("reason")
        .callback(cb -> sessions.closes().forEach((k, v) -> cb.call(v.get(), k.name().toLowerCase()))).register(registry);
  }
}
