package io.weft.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality, for opaque wire fields (ESI, unknown attributes, NOTIFICATION data). */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Bytes of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  public static Bytes of(byte[] bytes, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Parses hex digits; whitespace, ':' and '-' separators are ignored. */
  public static Bytes fromHex(String hex) {
    return new Bytes(HEX.parseHex(hex.replaceAll("[\\s:\\-]", "")));
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  public int get(int index) {
    return bytes[index] & 0xff;
  }

  public String hex() {
    return HEX.formatHex(bytes);
  }

  byte[] array() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
