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
 */
public record AgentOptions(String host, String underlay, List<InetSocketAddress> controls, InetSocketAddress portApi,
    InetSocketAddress introspect, String domain, int mtu, List<String> encapsulations) {
  public static final int PORT_API = 9091;
  public static final int INTROSPECT = 8085;

  public AgentOptions {
    controls = List.copyOf(controls.size() > 2 ? controls.subList(0, 2) : controls);
    encapsulations = List.copyOf(encapsulations == null || encapsulations.isEmpty() ? List.of("udp", "vxlan", "gre") : encapsulations);
    if (domain == null) domain = "weft.local";
  }
}
