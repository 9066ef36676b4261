package io.weft.bgp.wire;

/**
 * Network layer reachability information of one family: what a route is a route to.
 * The family decides the encoding (RFC 4271 §4.3, RFC 4364 §4.3.4, RFC 7432 §7, RFC 4684 §4).
 */
public sealed interface Nlri permits IpPrefix, VpnPrefix, EvpnRoute, RouteTargetMembership {}
