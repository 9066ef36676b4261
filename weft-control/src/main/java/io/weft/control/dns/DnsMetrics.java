package io.weft.control.dns;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The control node's DNS metrics, read from the server and the name index at scrape time. */
public final class DnsMetrics {
  private DnsMetrics() {}

  public static void register(PrometheusRegistry registry, DnsServer server, PortNames names) {
    CounterWithCallback.builder().name("weft_control_dns_responses").help("DNS responses sent, by RCODE").labelNames("rcode")
        .callback(cb -> server.answers().forEach((rcode, n) -> cb.call(n, rcode))).register(registry);
    CounterWithCallback.builder().name("weft_control_dns_dropped").help("DNS datagrams given no response (responses, runts, failures)")
        .callback(cb -> cb.call(server.dropped())).register(registry);
    GaugeWithCallback.builder().name("weft_control_dns_names").help("Port names the DNS server answers for")
        .callback(cb -> cb.call(names.size())).register(registry);
  }
}
