package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Address families a BGP router negotiates (AFI/SAFI: RFC 4760, RFC 4364, RFC 7432, RFC 4684). */
public enum BgpFamily {
  @JsonProperty("inet") INET,
  @JsonProperty("inet6") INET6,
  @JsonProperty("inet-vpn") INET_VPN,
  @JsonProperty("inet6-vpn") INET6_VPN,
  @JsonProperty("e-vpn") EVPN,
  @JsonProperty("route-target") ROUTE_TARGET
}
