package io.weft.bgp.wire;

import java.net.Inet4Address;

/** AGGREGATOR, RFC 4271 §5.1.7 (AS of 4 octets when negotiated, RFC 6793): optional transitive. */
public record Aggregator(long as, Inet4Address address) implements PathAttribute {
  @Override
  public int typeCode() {
    return AGGREGATOR;
  }
}
