package io.weft.bgp.wire;

import java.nio.ByteBuffer;

/** Reads and writes the 8 octets of one extended community, RFC 4360 §2. */
public final class ExtendedCommunityCodec {
  private ExtendedCommunityCodec() {}

  public static ExtendedCommunity decode(long v) {
    int type = (int) (v >>> 56) & 0xff;
    int subtype = (int) (v >>> 48) & 0xff;
    long low48 = v & 0xffff_ffff_ffffL;
    if (subtype == 0x02 && type <= 0x02) {
      return switch (type) {
        case 0x00 -> new RouteTarget(RouteTarget.Kind.AS2, low48 >>> 32, low48 & 0xffffffffL);
        case 0x01 -> new RouteTarget(RouteTarget.Kind.IPV4, low48 >>> 16, low48 & 0xffff);
        default -> new RouteTarget(RouteTarget.Kind.AS4, low48 >>> 16, low48 & 0xffff);
      };
    }
    if (type == 0x03 && subtype == 0x0c && (low48 >>> 16) == 0) return new TunnelEncapsulation((int) (low48 & 0xffff));
    if (type == 0x03 && subtype == 0x0d && low48 == 0) return new DefaultGateway();
    if (type == 0x06 && subtype == 0x03) return new RouterMac(new MacAddress(low48));
    if (type == 0x06 && subtype == 0x00 && ((low48 >>> 40) & 0xfe) == 0 && ((low48 >>> 32) & 0xff) == 0) {
      return new MacMobility(((low48 >>> 40) & 0x01) != 0, low48 & 0xffffffffL);
    }
    return new OpaqueExtendedCommunity(v);
  }

  public static long encodeLong(ExtendedCommunity c) {
    return switch (c) {
      case RouteTarget rt -> {
        long head = ((long) rt.kind().type << 56) | (0x02L << 48);
        yield switch (rt.kind()) {
          case AS2 -> head | (rt.global() << 32) | rt.local();
          case IPV4, AS4 -> head | (rt.global() << 16) | rt.local();
        };
      }
      case TunnelEncapsulation t -> (0x03L << 56) | (0x0cL << 48) | t.tunnelType();
      case DefaultGateway d -> (0x03L << 56) | (0x0dL << 48);
      case RouterMac m -> (0x06L << 56) | (0x03L << 48) | m.mac().value();
      case MacMobility m -> (0x06L << 56) | ((m.sticky() ? 1L : 0L) << 40) | m.sequence();
      case OpaqueExtendedCommunity o -> o.value();
    };
  }

  public static byte[] encode(ExtendedCommunity c) {
    return ByteBuffer.allocate(8).putLong(encodeLong(c)).array();
  }
}
