package io.weft.bgp.wire;

/** A capability Weft does not implement (add-path, enhanced route refresh, FQDN, ...), kept as received; RFC 5492 §4. */
public record UnknownCapability(int code, Bytes value) implements Capability {}
