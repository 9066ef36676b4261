package io.weft.bgp.peer;

import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.MessageCodec;
import io.weft.bgp.wire.MpReachNlri;
import io.weft.bgp.wire.MpUnreachNlri;
import io.weft.bgp.wire.NextHop;
import io.weft.bgp.wire.Nlri;
import io.weft.bgp.wire.NlriCodec;
import io.weft.bgp.wire.PathAttribute;
import io.weft.bgp.wire.Update;
import io.weft.bgp.wire.WireOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs routes into as few UPDATEs as fit in 4096 octets (RFC 4271 §4.1): routes sharing
 * family, next hop and attributes share a message. IPv4 unicast with an IPv4 next hop uses
 * the UPDATE's own NLRI and NEXT_HOP; everything else MP_REACH/MP_UNREACH (RFC 4760).
 */
public final class UpdatePacker {
  private UpdatePacker() {}

  private record Group(Family family, InetAddress nextHop, List<PathAttribute> attributes) {}

  public static List<Update> announce(List<Route> routes, WireOptions opts) {
    Map<Group, List<Nlri>> groups = new LinkedHashMap<>();
    for (Route r : routes) {
      groups.computeIfAbsent(new Group(r.family(), r.nextHop(), r.attributes()), g -> new ArrayList<>()).add(r.nlri());
    }
    List<Update> out = new ArrayList<>();
    groups.forEach((g, nlri) -> out.addAll(announce(g.family(), g.nextHop(), g.attributes(), nlri, opts)));
    return out;
  }

  /** UPDATEs announcing {@code nlri} of one family with one next hop and one attribute set, as many per message as fit. */
  public static List<Update> announce(Family family, InetAddress nextHop, List<PathAttribute> attributes, List<Nlri> nlri,
      WireOptions opts) {
    List<Update> out = new ArrayList<>();
    boolean classic = family.equals(Family.IPV4_UNICAST) && nextHop instanceof Inet4Address;
    List<PathAttribute> base = new ArrayList<>(attributes);
    if (classic) base.add(new NextHop((Inet4Address) nextHop));
    sortByType(base);
    int empty = MessageCodec.encodedSize(classic ? new Update(List.of(), base, List.of())
        : new Update(List.of(), withMp(base, new MpReachNlri(family, nextHop, List.of())), List.of()), opts);
    for (List<Nlri> chunk : chunks(nlri, MessageCodec.MAX_MESSAGE - empty)) {
      out.add(classic
          ? new Update(List.of(), base, chunk.stream().map(IpPrefix.class::cast).toList())
          : new Update(List.of(), withMp(base, new MpReachNlri(family, nextHop, chunk)), List.of()));
    }
    return out;
  }

  public static List<Update> withdraw(List<FamilyNlri> nlri, WireOptions opts) {
    Map<Family, List<Nlri>> byFamily = new LinkedHashMap<>();
    nlri.forEach(f -> byFamily.computeIfAbsent(f.family(), x -> new ArrayList<>()).add(f.nlri()));
    List<Update> out = new ArrayList<>();
    byFamily.forEach((family, list) -> {
      if (family.equals(Family.IPV4_UNICAST)) {
        for (List<Nlri> chunk : chunks(list, MessageCodec.MAX_MESSAGE - 23)) {
          out.add(new Update(chunk.stream().map(IpPrefix.class::cast).toList(), List.of(), List.of()));
        }
      } else {
        for (List<Nlri> chunk : chunks(list, MessageCodec.MAX_MESSAGE - 30)) {
          out.add(new Update(List.of(), List.of(new MpUnreachNlri(family, chunk)), List.of()));
        }
      }
    });
    return out;
  }

  private static List<PathAttribute> withMp(List<PathAttribute> base, PathAttribute mp) {
    List<PathAttribute> l = new ArrayList<>(base);
    l.add(mp);
    sortByType(l);
    return l;
  }

  /** RFC 4271 §5: attributes in ascending type order (SHOULD). */
  private static void sortByType(List<PathAttribute> l) {
    l.sort((a, b) -> Integer.compare(a.typeCode(), b.typeCode()));
  }

  private static List<List<Nlri>> chunks(List<Nlri> nlri, int room) {
    List<List<Nlri>> out = new ArrayList<>();
    List<Nlri> cur = new ArrayList<>();
    int used = 0;
    for (Nlri n : nlri) {
      int s = NlriCodec.size(n);
      if (!cur.isEmpty() && used + s > room) {
        out.add(cur);
        cur = new ArrayList<>();
        used = 0;
      }
      cur.add(n);
      used += s;
    }
    if (!cur.isEmpty()) out.add(cur);
    return out;
  }
}
