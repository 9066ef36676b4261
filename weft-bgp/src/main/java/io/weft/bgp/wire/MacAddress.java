package io.weft.bgp.wire;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** A 48-bit IEEE MAC address (EVPN NLRI, RFC 9135 router's MAC extended community). */
public record MacAddress(long value) {
  public MacAddress {
    if (value < 0 || value > 0xffff_ffff_ffffL) throw new IllegalArgumentException("MAC out of range");
  }

  public static MacAddress parse(String text) {
    return new MacAddress(HexFormat.fromHexDigitsToLong(text.replace(":", "").replace("-", "")));
  }

  static MacAddress read(ByteBuffer in) {
    return new MacAddress(((in.getShort() & 0xffffL) << 32) | (in.getInt() & 0xffffffffL));
  }

  void write(ByteBuffer out) {
    out.putShort((short) (value >>> 32)).putInt((int) value);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(17);
    for (int i = 5; i >= 0; i--) {
      b.append(HexFormat.of().toHexDigits((byte) (value >>> (8 * i))));
      if (i > 0) b.append(':');
    }
    return b.toString();
  }
}
