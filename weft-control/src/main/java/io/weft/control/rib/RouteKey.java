package io.weft.control.rib;

/** Where a path lives: instance, family, prefix (the XMPP node {@code afi/safi/vrf/prefix}). */
public record RouteKey(String instance, Family family, String prefix) {}
