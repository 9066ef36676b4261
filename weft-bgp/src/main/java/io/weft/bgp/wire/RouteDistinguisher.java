package io.weft.bgp.wire;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * Route distinguisher, RFC 4364 §4.2: 2-octet type then 6 octets of value.
 * <pre>
 *  type 0: | 0x0000 | AS (2 octets)   | assigned number (4 octets) |
 *  type 1: | 0x0001 | IPv4 (4 octets) | assigned number (2 octets) |
 *  type 2: | 0x0002 | AS (4 octets)   | assigned number (2 octets) |
 * </pre>
 * Other types are kept as their raw 8 octets in {@code raw}.
 */
public record RouteDistinguisher(int type, long administrator, long assigned) {
  public static final RouteDistinguisher ZERO = new RouteDistinguisher(0, 0, 0);

  public RouteDistinguisher {
    switch (type) {
      case 0 -> check(administrator <= 0xffffL && assigned <= 0xffffffffL);
      case 1, 2 -> check(administrator <= 0xffffffffL && assigned <= 0xffffL);
      default -> check(type >= 0 && type <= 0xffff && administrator == 0 && assigned >= 0
          && assigned <= 0xffffffffffffL);
    }
    check(administrator >= 0 && assigned >= 0);
  }

  private static void check(boolean ok) {
    if (!ok) throw new IllegalArgumentException("route distinguisher field out of range");
  }

  public static RouteDistinguisher asNumber2(int as, long assigned) {
    return new RouteDistinguisher(0, as, assigned);
  }

  public static RouteDistinguisher ipv4(Inet4Address address, int assigned) {
    byte[] a = address.getAddress();
    long v = ((a[0] & 0xffL) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
    return new RouteDistinguisher(1, v, assigned);
  }

  public static RouteDistinguisher asNumber4(long as, int assigned) {
    return new RouteDistinguisher(2, as, assigned);
  }

  /** Parses {@code 65000:1}, {@code 192.0.2.1:7} or {@code 4200000000:1} (type 2 when the AS needs 4 octets). */
  public static RouteDistinguisher parse(String text) {
    int colon = text.lastIndexOf(':');
    String admin = text.substring(0, colon);
    long assigned = Long.parseLong(text.substring(colon + 1));
    if (admin.contains(".")) return ipv4(Addresses.parseV4(admin), (int) assigned);
    long as = Long.parseLong(admin);
    return as > 0xffff ? asNumber4(as, (int) assigned) : asNumber2((int) as, assigned);
  }

  /** The last RD decoded: UPDATEs carry long runs of one RD, whose routes then share one object. */
  private static volatile RouteDistinguisher lastRead = ZERO;

  static RouteDistinguisher read(ByteBuffer in) {
    int type = in.getShort() & 0xffff;
    RouteDistinguisher rd = switch (type) {
      case 0 -> new RouteDistinguisher(0, in.getShort() & 0xffff, in.getInt() & 0xffffffffL);
      case 1, 2 -> new RouteDistinguisher(type, in.getInt() & 0xffffffffL, in.getShort() & 0xffff);
      default -> new RouteDistinguisher(type, 0, ((in.getShort() & 0xffffL) << 32) | (in.getInt() & 0xffffffffL));
    };
    RouteDistinguisher last = lastRead;
    if (last.equals(rd)) return last;
    lastRead = rd;
    return rd;
  }

  void write(ByteBuffer out) {
    out.putShort((short) type);
    switch (type) {
      case 0 -> out.putShort((short) administrator).putInt((int) assigned);
      case 1, 2 -> out.putInt((int) administrator).putShort((short) assigned);
      default -> out.putShort((short) (assigned >>> 32)).putInt((int) assigned);
    }
  }

  @Override
  public String toString() {
    return switch (type) {
      case 0, 2 -> administrator + ":" + assigned;
      case 1 -> ((administrator >>> 24) & 0xff) + "." + ((administrator >>> 16) & 0xff) + "."
          + ((administrator >>> 8) & 0xff) + "." + (administrator & 0xff) + ":" + assigned;
      default -> "type" + type + ":" + Long.toHexString(assigned);
    };
  }
}
