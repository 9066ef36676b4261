package io.weft.bgp.wire;

/** EVPN router's MAC extended community, RFC 9135 §8.1 (type 0x06, subtype 0x03): the 6-octet MAC. */
public record RouterMac(MacAddress mac) implements ExtendedCommunity {}
