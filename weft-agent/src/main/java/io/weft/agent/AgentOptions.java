package io.weft.agent;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * How an agent runs.
 *
 * @param host the host name (its XMPP JID and VirtualRouter name)
 * @param underlay this host's underlay address: next hop of its routes, source of tunnels
 * @param controls control nodes (at most two are used, as the original agent does)
 * @param portApi where the port API listens (default 127.0.0.1:9091)
 * @param introspect where introspect and /metrics listen (default 127.0.0.1:8085); null: off
 * @param domain the DNS domain handed out by DHCP and answered by the DNS service
 * @param mtu the MTU handed out by DHCP (0: not sent)
 * @param encapsulations encapsulation priority, preferred first: {@code udp} (MPLSoUDP), {@code vxlan}, {@code gre}
 * @param controlDns the control nodes' DNS servers, asked in order for port names this host does not hold
 *     (default: each control node's host on port 53; empty: ask none)
 */
public record AgentOptions(String host, String underlay, List<InetSocketAddress> controls, InetSocketAddress portApi,
    InetSocketAddress introspect, String domain, int mtu, List<String> encapsulations, List<InetSocketAddress> controlDns) {
  public static final int PORT_API = 9091;
  public static final int INTROSPECT = 8085;
  /** The control node's DNS port (its {@code --dns-port}), as contrail-named listens on 53. */
  public static final int CONTROL_DNS_PORT = 53;

  public AgentOptions {
    controls = List.copyOf(controls.size() > 2 ? controls.subList(0, 2) : controls);
    encapsulations = List.copyOf(encapsulations == null || encapsulations.isEmpty() ? List.of("udp", "vxlan", "gre") : encapsulations);
    if (domain == null) domain = "weft.local";
    controlDns = List.copyOf(controlDns == null ? dnsOf(controls, CONTROL_DNS_PORT) : controlDns);
  }

  /** Options whose control nodes serve DNS on the default port. */
  public AgentOptions(String host, String underlay, List<InetSocketAddress> controls, InetSocketAddress portApi,
      InetSocketAddress introspect, String domain, int mtu, List<String> encapsulations) {
    this(host, underlay, controls, portApi, introspect, domain, mtu, encapsulations, null);
  }

  /** The DNS server of each control node: its host on {@code dnsPort}; none when the port is 0 or negative (off). */
  public static List<InetSocketAddress> dnsOf(List<InetSocketAddress> controls, int dnsPort) {
    if (dnsPort <= 0) return List.of();
    return controls.stream().map(c -> new InetSocketAddress(c.getAddress() != null ? c.getAddress().getHostAddress() : c.getHostString(),
        dnsPort)).toList();
  }
}
