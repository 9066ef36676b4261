package io.weft.bgp.wire;

import java.net.Inet4Address;

/** ORIGINATOR_ID, RFC 4456 §8: optional non-transitive, the BGP identifier of the route's originator. */
public record OriginatorId(Inet4Address id) implements PathAttribute {
  @Override
  public int typeCode() {
    return ORIGINATOR_ID;
  }
}
