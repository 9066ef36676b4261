package io.weft.bgp.wire;

import java.util.List;

/**
 * Extended next hop encoding, RFC 8950 §3: tuples of | NLRI AFI (2) | NLRI SAFI (2) | next hop AFI (2) |,
 * e.g. IPv4 unicast or VPN-IPv4 routes with IPv6 next hops.
 */
public record ExtendedNextHopCapability(List<Entry> entries) implements Capability {
  public record Entry(Family family, int nextHopAfi) {}

  public ExtendedNextHopCapability {
    entries = List.copyOf(entries);
  }

  @Override
  public int code() {
    return EXTENDED_NEXT_HOP;
  }
}
