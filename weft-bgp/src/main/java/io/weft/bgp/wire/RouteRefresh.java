package io.weft.bgp.wire;

/**
 * ROUTE-REFRESH, RFC 2918 §3: | AFI (2) | reserved / subtype (1, RFC 7313) | SAFI (1) |.
 */
public record RouteRefresh(Family family, int subtype) implements BgpMessage {
  public RouteRefresh(Family family) {
    this(family, 0);
  }

  @Override
  public int type() {
    return ROUTE_REFRESH;
  }
}
