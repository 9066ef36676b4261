package io.weft.bgp.wire;

/** Route refresh capability, RFC 2918 §2: code 2, no value. */
public record RouteRefreshCapability() implements Capability {
  @Override
  public int code() {
    return ROUTE_REFRESH;
  }
}
