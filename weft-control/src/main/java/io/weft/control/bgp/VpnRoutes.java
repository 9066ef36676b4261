package io.weft.control.bgp;

import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.Esi;
import io.weft.bgp.wire.EvpnIpPrefixRoute;
import io.weft.bgp.wire.EvpnMacIpRoute;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.ExtendedCommunity;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.LocalPref;
import io.weft.bgp.wire.MacAddress;
import io.weft.bgp.wire.MultiExitDisc;
import io.weft.bgp.wire.OpaqueExtendedCommunity;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.PathAttribute;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.TunnelEncapsulation;
import io.weft.bgp.wire.VpnPrefix;
import io.weft.control.rib.PathAttributes;
import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.EvpnEntry;
import io.weft.xmpp.message.EvpnNlri;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.RouteEntry;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.message.UnicastNlri;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Between agent routes (XMPP entries) and VPN/EVPN routes (TF bgp_xmpp_channel.cc):
 * <ul>
 *   <li>out: RD = the host's underlay address : the agent's instance id (RFC 4364 type 1),
 *       the instance's export route targets, OriginVn {@code <asn>:<vn index>} (the VNI), the
 *       security groups, one encapsulation community per encapsulation the agent supports
 *       (RFC 9012 tunnel types: MPLSoUDP 13, VXLAN 8, MPLSoGRE 2 as TF writes it), the
 *       port's label (inet-vpn, RFC 8277) or VNI (EVPN over VXLAN, RFC 8365 §5.1.3), next
 *       hop = the host's underlay address;
 *   <li>in: the reverse, into the entry an agent understands: one next hop with the label,
 *       its encapsulations and the route's security groups.
 * </ul>
 */
public final class VpnRoutes {
  /** TF's OriginVn: experimental type 0x80, subtype 0x71, 2-octet AS + 4-octet VN index. */
  static final int TYPE_EXPERIMENTAL = 0x80;
  static final int SUBTYPE_ORIGIN_VN = 0x71;
  /** TF's 4-octet-AS OriginVn: type 0x82, subtype 0x71, 4-octet AS + 2-octet VN index. */
  static final int TYPE_EXPERIMENTAL_AS4 = 0x82;
  /** TF's security group: type 0x80, subtype 0x04, 2-octet AS + 4-octet group id. */
  static final int SUBTYPE_SECURITY_GROUP = 0x04;
  /** TF writes tunnel type 2 (GRE) for MPLS over GRE. */
  static final int TUNNEL_MPLS_IN_GRE = 2;

  private VpnRoutes() {}

  /** What an instance contributes to its routes' communities. */
  public record InstanceInfo(List<String> exportTargets, long vnIndex) {}

  /** The VPN or EVPN route for one agent path; null when the entry cannot be expressed (e.g. no next hop). */
  public static Route export(RouteEntry entry, PathAttributes attrs, long instanceId, InstanceInfo info, long asn) {
    List<NextHop> hops = entry instanceof UnicastEntry u ? u.nextHops() : ((EvpnEntry) entry).nextHops();
    if (hops.isEmpty()) return null;
    NextHop hop = hops.getFirst();
    InetAddress underlay;
    try {
      underlay = Addresses.parse(hop.address());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!(underlay instanceof Inet4Address v4)) return null;
    RouteDistinguisher rd = RouteDistinguisher.ipv4(v4, (int) (instanceId & 0xffff));
    List<ExtendedCommunity> ecs = new ArrayList<>();
    for (String rt : info.exportTargets()) ecs.add(RouteTarget.parse(rt));
    ecs.add(originVn(asn, info.vnIndex()));
    List<Long> sgs = entry instanceof UnicastEntry u ? u.securityGroups() : ((EvpnEntry) entry).securityGroups();
    for (long sg : sgs) ecs.add(new OpaqueExtendedCommunity(((long) TYPE_EXPERIMENTAL << 56)
        | ((long) SUBTYPE_SECURITY_GROUP << 48) | ((asn & 0xffff) << 32) | (sg & 0xffffffffL)));
    for (Encapsulation e : hop.encapsulations()) {
      int t = switch (e) {
        case UDP -> TunnelEncapsulation.MPLS_IN_UDP;
        case VXLAN -> TunnelEncapsulation.VXLAN;
        case GRE -> TUNNEL_MPLS_IN_GRE;
        default -> -1;
      };
      if (t >= 0) ecs.add(new TunnelEncapsulation(t));
    }
    List<PathAttribute> pa = List.of(Origin.IGP, AsPath.EMPTY, new LocalPref(attrs.localPreference()),
        new MultiExitDisc(attrs.med()), new ExtendedCommunities(ecs));
    int label = (int) (hop.label() & 0xfffff);
    switch (entry) {
      case UnicastEntry u -> {
        IpPrefix p = IpPrefix.parse(u.nlri().address());
        if (p.isIpv4()) return new Route(Family.IPV4_VPN, new VpnPrefix(rd, label, p), underlay, pa);
        return new Route(Family.IPV6_VPN, new VpnPrefix(rd, label, p), mapped(v4), pa);
      }
      case EvpnEntry e -> {
        EvpnNlri n = e.nlri();
        boolean vxlan = hop.encapsulations().contains(Encapsulation.VXLAN) || hop.encapsulations().isEmpty();
        long tag = n.ethernetTag() == null ? 0 : n.ethernetTag();
        // RFC 8365 §5.1.3: with VXLAN the label field carries the 24-bit VNI; with MPLS a label and the S bit.
        int field = vxlan ? (int) ((hop.vni() != null ? hop.vni() : hop.label()) & 0xffffff) : (label << 4) | 1;
        String addr = n.address();
        int slash = addr.indexOf('/');
        InetAddress ip = Addresses.parse(slash < 0 ? addr : addr.substring(0, slash));
        if (ip.isAnyLocalAddress()) ip = null;
        MacAddress mac = MacAddress.parse(n.mac());
        return new Route(Family.EVPN, new EvpnMacIpRoute(rd, Esi.ZERO, tag, mac, ip, List.of(field)), underlay, pa);
      }
    }
  }

  static OpaqueExtendedCommunity originVn(long asn, long vnIndex) {
    if (asn <= 0xffff) {
      return new OpaqueExtendedCommunity(((long) TYPE_EXPERIMENTAL << 56) | ((long) SUBTYPE_ORIGIN_VN << 48)
          | (asn << 32) | (vnIndex & 0xffffffffL));
    }
    return new OpaqueExtendedCommunity(((long) TYPE_EXPERIMENTAL_AS4 << 56) | ((long) SUBTYPE_ORIGIN_VN << 48)
        | ((asn & 0xffffffffL) << 16) | (vnIndex & 0xffff));
  }

  static InetAddress mapped(Inet4Address v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(v4.getAddress(), 0, b, 12, 4);
    return Addresses.of(b);
  }

  /** The table and item an agent would find a received route under, with the entry; null for what agents don't take. */
  public record Imported(io.weft.control.rib.Family family, String itemId, RouteEntry entry, PathAttributes attributes) {}

  public static Imported importRoute(Route r) {
    List<Encapsulation> encaps = new ArrayList<>();
    Set<Encapsulation> seen = new LinkedHashSet<>();
    List<Long> sgs = new ArrayList<>();
    String vn = null;
    for (ExtendedCommunity c : r.attribute(ExtendedCommunities.class).map(ExtendedCommunities::communities).orElse(List.of())) {
      switch (c) {
        case TunnelEncapsulation t -> {
          Encapsulation e = switch (t.tunnelType()) {
            case TunnelEncapsulation.MPLS_IN_UDP -> Encapsulation.UDP;
            case TunnelEncapsulation.VXLAN -> Encapsulation.VXLAN;
            case TUNNEL_MPLS_IN_GRE, TunnelEncapsulation.MPLS_IN_GRE -> Encapsulation.GRE;
            default -> null;
          };
          if (e != null && seen.add(e)) encaps.add(e);
        }
        case OpaqueExtendedCommunity o when o.type() == TYPE_EXPERIMENTAL && o.subtype() == SUBTYPE_SECURITY_GROUP ->
            sgs.add(o.value() & 0xffffffffL);
        default -> { }
      }
    }
    long lp = r.attribute(LocalPref.class).map(LocalPref::value).orElse(PathAttributes.DEFAULT_LOCAL_PREF);
    long med = r.attribute(MultiExitDisc.class).map(MultiExitDisc::value).orElse(0L);
    int asLen = r.attribute(AsPath.class).map(AsPath::length).orElse(0);
    io.weft.control.rib.Origin origin = switch (r.attribute(Origin.class).orElse(Origin.IGP)) {
      case IGP -> io.weft.control.rib.Origin.IGP;
      case EGP -> io.weft.control.rib.Origin.EGP;
      case INCOMPLETE -> io.weft.control.rib.Origin.INCOMPLETE;
    };
    PathAttributes attrs = PathAttributes.of(lp, asLen, origin, med);
    InetAddress nh = r.nextHop();
    if (nh == null) return null;
    byte[] raw = nh.getAddress();
    if (raw.length == 16 && raw[10] == (byte) 0xff && raw[11] == (byte) 0xff) nh = Addresses.of(java.util.Arrays.copyOfRange(raw, 12, 16));
    String hopAddr = nh.getHostAddress();
    int af = nh instanceof Inet4Address ? 1 : 2;
    switch (r.nlri()) {
      case VpnPrefix p -> {
        if (encaps.isEmpty()) encaps.add(Encapsulation.GRE); // TF: no encapsulation community means MPLS over GRE
        long label = p.labels().isEmpty() ? 0 : p.labels().getFirst();
        NextHop hop = new NextHop(af, hopAddr, null, label, null, null, encaps, vn, List.of(), null);
        String prefix = p.prefix().address().getHostAddress() + "/" + p.prefix().length();
        int pAf = p.prefix().isIpv4() ? 1 : 2;
        UnicastEntry e = new UnicastEntry(new UnicastNlri(pAf, 1, prefix), List.of(hop), null, null, null, null, sgs,
            List.of(), lp, med == 0 ? null : med, null, null);
        return new Imported(p.prefix().isIpv4() ? io.weft.control.rib.Family.INET : io.weft.control.rib.Family.INET6,
            e.itemId(), e, attrs);
      }
      case EvpnMacIpRoute m -> {
        if (encaps.isEmpty()) encaps.add(Encapsulation.VXLAN);
        int field = m.labels().getFirst();
        boolean vxlan = encaps.contains(Encapsulation.VXLAN);
        long label = vxlan ? field : field >>> 4;
        NextHop hop = new NextHop(af, hopAddr, null, label, null, null, encaps, null, List.of(), null);
        String ip = m.ip() == null ? "0.0.0.0/32" : m.ip().getHostAddress() + (m.ip() instanceof Inet4Address ? "/32" : "/128");
        EvpnEntry e = new EvpnEntry(new EvpnNlri(25, 242, m.ethernetTag(), m.mac().toString(), ip, null, null, null),
            List.of(hop), List.of(), List.of(), null, null, null, sgs, lp, med == 0 ? null : med, null, null, null, null);
        return new Imported(io.weft.control.rib.Family.EVPN, e.itemId(), e, attrs);
      }
      case EvpnIpPrefixRoute t -> {
        // RFC 9136 type 5 goes to the instance's IP table, as TF does.
        if (encaps.isEmpty()) encaps.add(Encapsulation.VXLAN);
        NextHop hop = new NextHop(af, hopAddr, null, t.label(), null, null, encaps, null, List.of(), null);
        String prefix = t.prefix().address().getHostAddress() + "/" + t.prefix().length();
        UnicastEntry e = new UnicastEntry(new UnicastNlri(t.prefix().isIpv4() ? 1 : 2, 1, prefix), List.of(hop), null,
            null, null, null, sgs, List.of(), lp, med == 0 ? null : med, null, null);
        return new Imported(t.prefix().isIpv4() ? io.weft.control.rib.Family.INET : io.weft.control.rib.Family.INET6,
            e.itemId(), e, attrs);
      }
      default -> {
        return null;
      }
    }
  }
}
