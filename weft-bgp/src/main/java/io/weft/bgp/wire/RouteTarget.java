package io.weft.bgp.wire;

import java.net.Inet4Address;

/**
 * Route target extended community (subtype 0x02), RFC 4360 §4 and RFC 5668:
 * <pre>
 * type 0x00: | 0x00 0x02 | AS (2)   | assigned (4) |
 * type 0x01: | 0x01 0x02 | IPv4 (4) | assigned (2) |
 * type 0x02: | 0x02 0x02 | AS (4)   | assigned (2) |
 * </pre>
 */
public record RouteTarget(Kind kind, long global, long local) implements ExtendedCommunity {
  public enum Kind {
    AS2(0x00), IPV4(0x01), AS4(0x02);

    final int type;

    Kind(int type) {
      this.type = type;
    }
  }

  public RouteTarget {
    boolean ok = switch (kind) {
      case AS2 -> global <= 0xffffL && local <= 0xffffffffL;
      case IPV4, AS4 -> global <= 0xffffffffL && local <= 0xffffL;
    };
    if (!ok || global < 0 || local < 0) throw new IllegalArgumentException("route target out of range");
  }

  /** Parses {@code 64512:8000001}, {@code 192.0.2.1:5} or {@code 4200000000:5}; a {@code target:} prefix is allowed. */
  public static RouteTarget parse(String text) {
    String t = text.startsWith("target:") ? text.substring(7) : text;
    int colon = t.lastIndexOf(':');
    String g = t.substring(0, colon);
    long local = Long.parseLong(t.substring(colon + 1));
    if (g.contains(".")) {
      byte[] a = Addresses.parseV4(g).getAddress();
      long v = ((a[0] & 0xffL) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
      return new RouteTarget(Kind.IPV4, v, local);
    }
    long as = Long.parseLong(g);
    return new RouteTarget(as > 0xffff || local > 0xffffffffL ? Kind.AS4 : Kind.AS2, as, local);
  }

  public static RouteTarget ipv4(Inet4Address a, int local) {
    return parse(a.getHostAddress() + ":" + local);
  }

  @Override
  public String toString() {
    String g = kind == Kind.IPV4
        ? ((global >>> 24) & 0xff) + "." + ((global >>> 16) & 0xff) + "." + ((global >>> 8) & 0xff) + "." + (global & 0xff)
        : Long.toString(global);
    return "target:" + g + ":" + local;
  }
}
