package io.weft.control.bgp;

import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.Family;
import io.weft.model.spec.BgpFamily;
import io.weft.model.spec.BgpRouterSpec;
import io.weft.model.spec.BgpRouterType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the BgpRouter resources ask of this control node: its own speaker (AS, address, port,
 * router id, cluster id) and its neighbours. Pure: the same routers give the same plan.
 *
 * <p>Which BgpRouter is this node: the one named by {@code --bgp-router}, else the
 * {@code control-node} router whose address is the node's address. Which routers become
 * neighbours (TF's bgp_router_refs plus its control-node auto-mesh):
 * <ul>
 *   <li>every router this one lists in {@code peers}, and every router that lists this one
 *       (a reference is a session, whichever side wrote it);
 *   <li>every other {@code control-node} router (iBGP full mesh), except that a route
 *       reflector client ({@code routeReflectorClient}) peers only with reflectors (routers
 *       with a {@code clusterId}), and two clients never peer.
 * </ul>
 * Families are those both routers list ({@code route-target}: RFC 4684 route-target constraint,
 * see {@link RouteTargetFilter}). The MD5 key is
 * the neighbour's {@code authKey}, else ours. Between two control nodes exactly one side
 * connects (the lower address, then lower port) and the other waits: the speaker does no
 * collision detection. Routers are connected to actively; they may also connect in.
 */
public record BgpPlan(Local local, Map<InetAddress, Neighbour> neighbours) {
  /** This node's speaker. {@code clusterId} is null unless it reflects routes (RFC 4456). */
  public record Local(String name, long asn, InetAddress address, int port, Inet4Address routerId, Inet4Address clusterId,
      int holdTime) {}

  /** One session to configure. */
  public record Neighbour(String name, InetAddress address, int port, long asn, List<Family> families, int holdTime,
      String md5Key, boolean internal, boolean reflectorClient, boolean passive, boolean controlNode) {}

  public BgpPlan {
    Objects.requireNonNull(local, "local");
    neighbours = Map.copyOf(neighbours);
  }

  /** The plan, or null when no BgpRouter is this node. */
  public static BgpPlan of(Map<String, BgpRouterSpec> routers, String selfName, String selfAddress) {
    String me = selfName;
    if (me == null || !routers.containsKey(me)) {
      if (selfName != null) return null;
      me = null;
      for (Map.Entry<String, BgpRouterSpec> e : routers.entrySet()) {
        BgpRouterSpec s = e.getValue();
        if (s.routerType() == BgpRouterType.CONTROL_NODE && s.address() != null && selfAddress != null
            && Addresses.parse(s.address()).equals(Addresses.parse(selfAddress))) {
          me = e.getKey();
          break;
        }
      }
      if (me == null) return null;
    }
    BgpRouterSpec self = routers.get(me);
    InetAddress address = Addresses.parse(self.address());
    Inet4Address routerId = address instanceof Inet4Address v4 ? v4 : Addresses.parseV4("0.0.0.1");
    Inet4Address clusterId = self.clusterId() == null ? null : Addresses.parseV4(self.clusterId());
    Local local = new Local(me, self.asn(), address, self.port(), routerId, clusterId, self.holdTime());

    Map<InetAddress, Neighbour> out = new LinkedHashMap<>();
    for (Map.Entry<String, BgpRouterSpec> e : routers.entrySet()) {
      String name = e.getKey();
      BgpRouterSpec other = e.getValue();
      if (name.equals(me) || other.address() == null || other.asn() == null) continue;
      boolean explicit = listed(self.peers(), name) || listed(other.peers(), me);
      boolean bothControl = self.routerType() == BgpRouterType.CONTROL_NODE && other.routerType() == BgpRouterType.CONTROL_NODE;
      boolean mesh = bothControl && !(self.routeReflectorClient() && other.clusterId() == null)
          && !(other.routeReflectorClient() && self.clusterId() == null);
      if (!explicit && !mesh) continue;
      InetAddress addr = Addresses.parse(other.address());
      if (addr.equals(address)) continue;
      List<Family> families = new ArrayList<>();
      for (BgpFamily f : other.families()) {
        if (self.families().contains(f)) families.add(wire(f));
      }
      if (families.isEmpty()) continue;
      boolean passive = bothControl && compare(address, self.port(), addr, other.port()) > 0;
      String key = other.authKey() != null ? other.authKey() : self.authKey();
      out.put(addr, new Neighbour(name, addr, other.port(), other.asn(), families, other.holdTime(), key,
          other.asn().longValue() == self.asn(), clusterId != null && other.routeReflectorClient(), passive,
          other.routerType() != BgpRouterType.ROUTER));
    }
    return new BgpPlan(local, out);
  }

  private static boolean listed(List<String> peers, String name) {
    for (String p : peers) {
      if (p.equals(name) || p.endsWith("/" + name) || p.endsWith(":" + name)) return true;
    }
    return false;
  }

  private static int compare(InetAddress a, int pa, InetAddress b, int pb) {
    int c = Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    return c != 0 ? c : Integer.compare(pa, pb);
  }

  static Family wire(BgpFamily f) {
    return switch (f) {
      case INET -> Family.IPV4_UNICAST;
      case INET6 -> Family.IPV6_UNICAST;
      case INET_VPN -> Family.IPV4_VPN;
      case INET6_VPN -> Family.IPV6_VPN;
      case EVPN -> Family.EVPN;
      case ROUTE_TARGET -> Family.RT_CONSTRAINT;
    };
  }
}
