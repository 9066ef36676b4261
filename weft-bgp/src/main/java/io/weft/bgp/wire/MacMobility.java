package io.weft.bgp.wire;

/**
 * MAC mobility extended community, RFC 7432 §7.7 (type 0x06, subtype 0x00):
 * flags (1, low bit = sticky/static), reserved (1), sequence number (4).
 */
public record MacMobility(boolean sticky, long sequence) implements ExtendedCommunity {
  public MacMobility {
    if (sequence < 0 || sequence > 0xffffffffL) throw new IllegalArgumentException("sequence");
  }
}
