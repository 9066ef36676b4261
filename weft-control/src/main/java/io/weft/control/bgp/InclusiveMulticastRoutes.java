package io.weft.control.bgp;

import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.EvpnInclusiveMulticastRoute;
import io.weft.bgp.wire.EvpnMacIpRoute;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.ExtendedCommunity;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.LocalPref;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.PathAttribute;
import io.weft.bgp.wire.PmsiTunnel;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.TunnelEncapsulation;
import io.weft.bgp.wire.VpnPrefix;
import io.weft.control.rib.PathAttributes;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The EVPN inclusive multicast Ethernet tag routes (type 3, RFC 7432 §7.3) the control node
 * originates on the agents' behalf, as TF does for its vRouters: one per routing instance with
 * a VNI and agent with routes in it, so a gateway knows where to replicate the instance's
 * broadcast, unknown-unicast and multicast traffic (RFC 8365 §5.1.3, ingress replication).
 *
 * <p>An agent's presence in an instance is read from the VPN/EVPN routes exported for it
 * ({@link VpnRoutes}): their RD is the agent's underlay address : its instance id, so counting
 * exported routes per (instance, RD) says when the agent's first port arrives and its last one
 * goes. That follows the agents' paths in the RIB, hence their graceful restart too: a stale
 * path keeps its route, and so the agent's type-3 route. The route:
 * <ul>
 *   <li>RD as the agent's type-2 routes, Ethernet tag 0 (VLAN-based service, RFC 7432 §6.1),
 *       originating router and next hop = the agent's underlay address;
 *   <li>the instance's export route targets, OriginVn, the VXLAN encapsulation (RFC 9012 type 8);
 *   <li>PMSI tunnel (RFC 6514 §5): flags 0, ingress replication, label field = the VNI,
 *       tunnel identifier = the agent's underlay address.
 * </ul>
 *
 * <p>Concurrency: none; owned by {@link BgpService} under its lock.
 */
final class InclusiveMulticastRoutes {
  /** Routes to send (new or changed) and NLRIs to withdraw. */
  record Changes(List<Route> advertise, List<FamilyNlri> withdraw) {
    static final Changes NONE = new Changes(List.of(), List.of());

    boolean isEmpty() {
      return advertise.isEmpty() && withdraw.isEmpty();
    }
  }

  /** One agent in one instance: how many of its routes were exported there, and the type-3 route sent for it. */
  private static final class Member {
    int routes;
    Route route;
  }

  /** Instance → the agent's RD (underlay:instance-id) → member. */
  private final Map<String, Map<RouteDistinguisher, Member>> instances = new HashMap<>();

  /**
   * Exported routes of {@code instance} changed: {@code added} are newly exported, {@code removed}
   * no longer are. The first route of an RD originates its type-3 route, the last one withdraws it.
   */
  Changes exported(String instance, List<FamilyNlri> added, List<FamilyNlri> removed, VpnRoutes.InstanceInfo info,
      long asn) {
    if (added.isEmpty() && removed.isEmpty()) return Changes.NONE;
    List<Route> advertise = new ArrayList<>();
    List<FamilyNlri> withdraw = new ArrayList<>();
    Map<RouteDistinguisher, Member> members = instances.computeIfAbsent(instance, x -> new HashMap<>());
    for (FamilyNlri k : added) {
      RouteDistinguisher rd = agentRd(k);
      if (rd == null) continue;
      Member m = members.computeIfAbsent(rd, x -> new Member());
      if (m.routes++ == 0) {
        m.route = route(rd, info, asn);
        if (m.route != null) advertise.add(m.route);
      }
    }
    for (FamilyNlri k : removed) {
      RouteDistinguisher rd = agentRd(k);
      Member m = rd == null ? null : members.get(rd);
      if (m == null || --m.routes > 0) continue;
      members.remove(rd);
      if (m.route != null) withdraw.add(m.route.key());
    }
    if (members.isEmpty()) instances.remove(instance);
    return new Changes(advertise, withdraw);
  }

  /** The instance's targets, VNI or our AS changed (null info: it is gone): its type-3 routes as they are now. */
  Changes instanceChanged(String instance, VpnRoutes.InstanceInfo info, long asn) {
    Map<RouteDistinguisher, Member> members = instances.get(instance);
    if (members == null) return Changes.NONE;
    List<Route> advertise = new ArrayList<>();
    List<FamilyNlri> withdraw = new ArrayList<>();
    for (Map.Entry<RouteDistinguisher, Member> e : members.entrySet()) {
      Member m = e.getValue();
      Route now = info == null ? null : route(e.getKey(), info, asn);
      if (now == null) {
        if (m.route != null) withdraw.add(m.route.key());
      } else if (!now.equals(m.route)) {
        advertise.add(now);
      }
      m.route = now;
    }
    return new Changes(advertise, withdraw);
  }

  /** Every type-3 route originated now. */
  List<Route> routes() {
    List<Route> out = new ArrayList<>();
    instances.values().forEach(ms -> ms.values().forEach(m -> {
      if (m.route != null) out.add(m.route);
    }));
    return out;
  }

  /** The RD of an agent's exported route when it names the agent (type 1: underlay IPv4 : instance id), else null. */
  private static RouteDistinguisher agentRd(FamilyNlri k) {
    RouteDistinguisher rd = switch (k.nlri()) {
      case VpnPrefix p -> p.rd();
      case EvpnMacIpRoute m -> m.rd();
      default -> null;
    };
    return rd != null && rd.type() == 1 ? rd : null;
  }

  /** The agent's type-3 route, or null when the instance has no VNI (nothing to replicate over VXLAN). */
  static Route route(RouteDistinguisher rd, VpnRoutes.InstanceInfo info, long asn) {
    long vni = info.vnIndex();
    if (vni <= 0 || vni > 0xffffff) return null;
    long a = rd.administrator();
    Inet4Address underlay = (Inet4Address) Addresses.of(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    List<ExtendedCommunity> ecs = new ArrayList<>();
    for (String rt : info.exportTargets()) ecs.add(RouteTarget.parse(rt));
    ecs.add(VpnRoutes.originVn(asn, vni));
    ecs.add(new TunnelEncapsulation(TunnelEncapsulation.VXLAN));
    List<PathAttribute> pa = List.of(Origin.IGP, AsPath.EMPTY, new LocalPref(PathAttributes.DEFAULT_LOCAL_PREF),
        new ExtendedCommunities(ecs), PmsiTunnel.ingressReplication((int) vni, underlay));
    return new Route(Family.EVPN, new EvpnInclusiveMulticastRoute(rd, 0, underlay), underlay, pa);
  }
}
