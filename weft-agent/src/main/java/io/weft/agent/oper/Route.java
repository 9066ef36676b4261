package io.weft.agent.oper;

import java.util.List;

/**
 * A route in a VRF as the agent holds it: a /32 or /128 with its next hop. Local routes
 * ({@code localPort} set) point at a port on this host; remote ones at another host's
 * underlay address with its label (MPLSoUDP/GRE) or VNI (VXLAN). {@code tags} and
 * {@code securityGroups} are the endpoint's, as names, for flow decisions.
 */
public record Route(String vrf, String prefix, String nextHop, long label, long vni, List<String> encapsulations,
    String network, String mac, List<String> tags, List<String> securityGroups, String localPort) {
  public Route {
    encapsulations = List.copyOf(encapsulations);
    tags = List.copyOf(tags);
    securityGroups = List.copyOf(securityGroups);
  }

  public boolean local() {
    return localPort != null;
  }

  /** The host address of the prefix (the prefix without its length). */
  public String address() {
    int slash = prefix.indexOf('/');
    return slash < 0 ? prefix : prefix.substring(0, slash);
  }
}
