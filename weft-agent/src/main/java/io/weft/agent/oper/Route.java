package io.weft.agent.oper;

import java.util.List;

/**
 * A route in a VRF as the agent holds it: a /32 or /128 with its next hop. Local routes
 * ({@code localPort} set) point at a port on this host; remote ones at another host's
 * underlay address with its label (MPLSoUDP/GRE) or VNI (VXLAN). {@code tags} and
 * {@code securityGroups} are the endpoint's, as names, for flow decisions.
 *
 * <p>A route from a control node may carry several next hops ({@code hops}, an ECMP set, as
 * the control node merges equal-cost paths into one item); the first is also in the flat
 * fields. A hop with {@code localPort} set is a port of this host whose route was leaked into
 * this VRF (another network's port, joined by policy), reached through its interface.
 */
public record Route(String vrf, String prefix, String nextHop, long label, long vni, List<String> encapsulations,
    String network, String mac, List<String> tags, List<String> securityGroups, String localPort, List<Hop> hops) {

  /** One next hop of a route: another host (tunnel) or, with {@code localPort}, a port of this host. */
  public record Hop(String nextHop, long label, long vni, List<String> encapsulations, String localPort) {
    public Hop {
      encapsulations = List.copyOf(encapsulations);
    }
  }

  public Route {
    encapsulations = List.copyOf(encapsulations);
    tags = List.copyOf(tags);
    securityGroups = List.copyOf(securityGroups);
    hops = hops == null ? List.of() : List.copyOf(hops);
  }

  /** A route with a single next hop. */
  public Route(String vrf, String prefix, String nextHop, long label, long vni, List<String> encapsulations, String network, String mac,
      List<String> tags, List<String> securityGroups, String localPort) {
    this(vrf, prefix, nextHop, label, vni, encapsulations, network, mac, tags, securityGroups, localPort, List.of());
  }

  /** The next hops: {@code hops}, or the one the flat fields name. */
  public List<Hop> members() {
    return hops.isEmpty() ? List.of(new Hop(nextHop, label, vni, encapsulations, localPort)) : hops;
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
