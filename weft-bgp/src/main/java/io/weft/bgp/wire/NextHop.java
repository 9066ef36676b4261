package io.weft.bgp.wire;

import java.net.Inet4Address;

/** NEXT_HOP, RFC 4271 §5.1.3: well-known, 4 octets, for IPv4 unicast NLRI in the UPDATE's own NLRI field. */
public record NextHop(Inet4Address address) implements PathAttribute {
  @Override
  public int typeCode() {
    return NEXT_HOP;
  }
}
