package io.weft.bgp.wire;

/** EVPN default gateway extended community, RFC 7432 §7.8 (type 0x03, subtype 0x0d, value zero). */
public record DefaultGateway() implements ExtendedCommunity {}
