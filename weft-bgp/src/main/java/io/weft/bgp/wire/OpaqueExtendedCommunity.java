package io.weft.bgp.wire;

/**
 * Any other extended community (Contrail's OriginVn 0x80/0x71, security group, tag, load
 * balance, ...) kept as its 8 octets, RFC 4360 §2, so it is passed on unchanged.
 */
public record OpaqueExtendedCommunity(long value) implements ExtendedCommunity {
  public int type() {
    return (int) (value >>> 56) & 0xff;
  }

  public int subtype() {
    return (int) (value >>> 48) & 0xff;
  }

  /** The 6 octets after type and subtype. */
  public long lowValue() {
    return value & 0xffff_ffff_ffffL;
  }

  @Override
  public String toString() {
    return String.format("ext:%016x", value);
  }
}
