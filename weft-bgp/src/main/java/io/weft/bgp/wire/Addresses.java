package io.weft.bgp.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address helpers that never resolve names and keep 16-byte addresses IPv6 (no IPv4-mapped folding). */
public final class Addresses {
  private Addresses() {}

  public static InetAddress of(byte[] raw) {
    try {
      return switch (raw.length) {
        case 4 -> InetAddress.getByAddress(raw);
        case 16 -> Inet6Address.getByAddress(null, raw, -1);
        default -> throw new IllegalArgumentException("address of " + raw.length + " bytes");
      };
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static Inet4Address v4(byte[] raw) {
    return (Inet4Address) of(raw);
  }

  /** Parses a literal IPv4 or IPv6 address (no DNS). */
  public static InetAddress parse(String literal) {
    if (literal.indexOf(':') < 0) {
      String[] parts = literal.split("\\.");
      if (parts.length != 4) throw new IllegalArgumentException("not an address: " + literal);
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v < 0 || v > 255) throw new IllegalArgumentException("not an address: " + literal);
        b[i] = (byte) v;
      }
      return of(b);
    }
    try {
      InetAddress a = InetAddress.ofLiteral(literal);
      return a instanceof Inet4Address ? a : Inet6Address.getByAddress(null, a.getAddress(), -1);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static Inet4Address parseV4(String literal) {
    return (Inet4Address) parse(literal);
  }

  public static String format(InetAddress a) {
    return a.getHostAddress();
  }
}
