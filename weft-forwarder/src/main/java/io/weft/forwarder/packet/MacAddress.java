package io.weft.forwarder.packet;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** A 48-bit IEEE 802 MAC address held in the low bits of a long, so the hot path never allocates. */
public record MacAddress(long bits) {
  public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
  public static final MacAddress ZERO = new MacAddress(0);
  /** The vRouter's virtual gateway MAC, as the original agent's {@code vrrp_mac_}. */
  public static final MacAddress GATEWAY = parse("00:00:5e:00:01:00");

  public MacAddress {
    if ((bits & ~0xffff_ffff_ffffL) != 0) throw new IllegalArgumentException("MAC has more than 48 bits");
  }

  public static MacAddress parse(String text) {
    String hex = text.replace(":", "").replace("-", "");
    if (hex.length() != 12) throw new IllegalArgumentException("not a MAC address: " + text);
    return new MacAddress(HexFormat.fromHexDigitsToLong(hex));
  }

  public static MacAddress of(byte[] six) {
    return new MacAddress(read(ByteBuffer.wrap(six), 0));
  }

  /** Reads six octets at an absolute index. */
  public static long read(ByteBuffer buf, int index) {
    return ((long) (buf.getShort(index) & 0xffff) << 32) | (buf.getInt(index + 2) & 0xffff_ffffL);
  }

  /** Writes six octets at an absolute index. */
  public static void write(ByteBuffer buf, int index, long bits) {
    buf.putShort(index, (short) (bits >>> 32));
    buf.putInt(index + 2, (int) bits);
  }

  public boolean isMulticast() {
    return (bits & 0x0100_0000_0000L) != 0;
  }

  public byte[] toBytes() {
    byte[] b = new byte[6];
    write(ByteBuffer.wrap(b), 0, bits);
    return b;
  }

  @Override
  public String toString() {
    String h = HexFormat.of().toHexDigits(bits).substring(4);
    StringBuilder sb = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) sb.append(':');
      sb.append(h, i, i + 2);
    }
    return sb.toString();
  }
}
