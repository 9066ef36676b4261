package io.weft.bgp.wire;

import java.net.InetAddress;
import java.util.List;

/**
 * MP_REACH_NLRI, RFC 4760 §3:
 * <pre>
 * | AFI (2) | SAFI (1) | next hop length (1) | next hop | reserved (1) | NLRI ... |
 * </pre>
 * For VPN families each next hop address is preceded by an all-zero RD (RFC 4364 §4.3.2,
 * RFC 4659 §3.2.1); IPv4 NLRI with an IPv6 next hop needs the RFC 8950 capability.
 * {@code nextHops} holds one address, or a global and a link-local IPv6 address.
 */
public record MpReachNlri(Family family, List<InetAddress> nextHops, List<Nlri> nlri) implements PathAttribute {
  public MpReachNlri {
    nextHops = List.copyOf(nextHops);
    nlri = List.copyOf(nlri);
    if (nextHops.isEmpty() || nextHops.size() > 2) throw new IllegalArgumentException("one or two next hops");
  }

  public MpReachNlri(Family family, InetAddress nextHop, List<? extends Nlri> nlri) {
    this(family, List.of(nextHop), List.copyOf(nlri));
  }

  public InetAddress nextHop() {
    return nextHops.getFirst();
  }

  @Override
  public int typeCode() {
    return MP_REACH_NLRI;
  }
}
