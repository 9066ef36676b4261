package io.weft.bgp.wire;

/**
 * One 8-octet extended community, RFC 4360 §2: a type octet (high bit IANA-assigned, next
 * bit non-transitive), a subtype octet for the types that have one, and 6 value octets.
 */
public sealed interface ExtendedCommunity
    permits RouteTarget, TunnelEncapsulation, RouterMac, MacMobility, DefaultGateway, OpaqueExtendedCommunity {}
