package io.weft.control.xmpp;

import io.weft.control.rib.Path;
import io.weft.control.rib.PathAttributes;
import io.weft.control.rib.Route;
import io.weft.xmpp.message.EvpnEntry;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.RouteEntry;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.message.UnicastNlri;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import io.weft.control.rib.Family;
import io.weft.control.rib.Origin;

/** Between XMPP entries and table paths: attributes in, ECMP-merged items out. */
public final class RouteEntries {
  /** TF's maximum MED, UINT32_MAX. */
  private static final long MED_MAX = 0xFFFF_FFFFL;

  private RouteEntries() {}

  public static Family family(io.weft.xmpp.message.Family f) {
    return switch (f) {
      case INET -> Family.INET;
      case INET6 -> Family.INET6;
      case EVPN -> Family.EVPN;
    };
  }

  public static io.weft.xmpp.message.Family wire(Family f) {
    return switch (f) {
      case INET -> io.weft.xmpp.message.Family.INET;
      case INET6 -> io.weft.xmpp.message.Family.INET6;
      case EVPN -> io.weft.xmpp.message.Family.EVPN;
    };
  }

  /**
   * An agent path's attributes: its local preference (default 100), an empty AS path, origin
   * IGP, and the MED the agent sent; a MED of 0 or none is derived from local preference as
   * TF's control node does (bgp_xmpp_channel.cc): 100 → 200, 200 → 100, else UINT32_MAX − lp.
   */
  public static PathAttributes attributes(RouteEntry entry) {
    Long lp = entry instanceof UnicastEntry u ? u.localPreference() : ((EvpnEntry) entry).localPreference();
    Long med = entry instanceof UnicastEntry u ? u.med() : ((EvpnEntry) entry).med();
    long localPref = lp == null ? PathAttributes.DEFAULT_LOCAL_PREF : lp;
    long m = med == null || med == 0 ? derivedMed(localPref) : med;
    return PathAttributes.of(localPref, 0, Origin.IGP, m);
  }

  static long derivedMed(long localPref) {
    if (localPref == 100) return 200;
    if (localPref == 200) return 100;
    return MED_MAX - localPref;
  }

  /**
   * The entry as the table keeps it: equal strings and lists shared through {@code interner}
   * (network names, underlay addresses, encapsulation, tag and security-group lists), and a
   * unicast nlri address that is the item id's own string. Equal to {@code entry}.
   */
  static RouteEntry compact(RouteEntry entry, String itemId, Interner interner) {
    return switch (entry) {
      case UnicastEntry u -> new UnicastEntry(
          u.nlri().address().equals(itemId) ? new UnicastNlri(u.nlri().af(), u.nlri().safi(), itemId) : u.nlri(),
          compact(u.nextHops(), interner), u.version(), interner.intern(u.virtualNetwork()), u.mobility(),
          u.sequenceNumber(), interner.intern(u.securityGroups()), interner.intern(u.communityTags()),
          u.localPreference(), u.med(), u.loadBalance(), u.subProtocol());
      case EvpnEntry e -> new EvpnEntry(e.nlri(), compact(e.nextHops(), interner), compact(e.olist(), interner),
          compact(e.leafOlist(), interner), interner.intern(e.virtualNetwork()), e.mobility(), e.sequenceNumber(),
          interner.intern(e.securityGroups()), e.localPreference(), e.med(), e.edgeReplicationNotSupported(),
          e.assistedReplicationSupported(), interner.intern(e.replicatorAddress()), e.etreeLeaf());
    };
  }

  private static List<NextHop> compact(List<NextHop> hops, Interner interner) {
    if (hops.isEmpty()) return hops;
    List<NextHop> out = new ArrayList<>(hops.size());
    for (NextHop h : hops) {
      out.add(new NextHop(h.af(), interner.intern(h.address()), interner.intern(h.mac()), h.label(), h.vni(), h.l3Label(),
          interner.intern(h.encapsulations()), interner.intern(h.virtualNetwork()), interner.intern(h.tags()),
          h.localSequenceNumber()));
    }
    return out;
  }

  /** The next hops of an entry, for validation. */
  public static List<NextHop> nextHops(RouteEntry entry) {
    return entry instanceof UnicastEntry u ? u.nextHops() : ((EvpnEntry) entry).nextHops();
  }

  /**
   * The entry sent to agents for a route: the best path's entry, carrying the next hops of
   * every equal-cost path (TF sends one item whose next-hops list is the ECMP set).
   */
  public static RouteEntry advertised(Route route) {
    List<Path> ecmp = route.ecmp();
    RouteEntry best = (RouteEntry) route.best().route();
    if (ecmp.size() == 1) return best;
    LinkedHashSet<NextHop> hops = new LinkedHashSet<>();
    for (Path p : ecmp) hops.addAll(nextHops((RouteEntry) p.route()));
    List<NextHop> merged = new ArrayList<>(hops);
    return switch (best) {
      case UnicastEntry u -> new UnicastEntry(u.nlri(), merged, u.version(), u.virtualNetwork(), u.mobility(),
          u.sequenceNumber(), u.securityGroups(), u.communityTags(), u.localPreference(), u.med(), u.loadBalance(),
          u.subProtocol());
      case EvpnEntry e -> new EvpnEntry(e.nlri(), merged, e.olist(), e.leafOlist(), e.virtualNetwork(), e.mobility(),
          e.sequenceNumber(), e.securityGroups(), e.localPreference(), e.med(), e.edgeReplicationNotSupported(),
          e.assistedReplicationSupported(), e.replicatorAddress(), e.etreeLeaf());
    };
  }
}
