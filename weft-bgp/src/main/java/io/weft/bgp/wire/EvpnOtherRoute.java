package io.weft.bgp.wire;

/**
 * An EVPN route of a type Weft does not interpret (1 Ethernet A-D, 4 Ethernet segment,
 * and later types), RFC 7432 §7: kept as its body so it can be withdrawn or passed on.
 */
public record EvpnOtherRoute(int routeType, Bytes body) implements EvpnRoute {
  public EvpnOtherRoute {
    if (routeType < 0 || routeType > 255 || body.length() > 255) throw new IllegalArgumentException("EVPN route");
  }
}
