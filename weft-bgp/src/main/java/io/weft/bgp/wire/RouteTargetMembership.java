package io.weft.bgp.wire;

/**
 * Route-target membership NLRI, RFC 4684 §4:
 * <pre>
 * | length in bits (1) | origin AS (4) | route target (0..8 octets, a prefix of the extended community) |
 * </pre>
 * Length 0 is the default route-target (all targets); otherwise it is 32..96 bits.
 */
public record RouteTargetMembership(int length, long originAs, Bytes routeTarget) implements Nlri {
  public static final RouteTargetMembership DEFAULT = new RouteTargetMembership(0, 0, Bytes.EMPTY);

  public RouteTargetMembership {
    if (length != 0 && (length < 32 || length > 96)) throw new IllegalArgumentException("RTC length " + length);
    if (routeTarget.length() != Math.max(0, (length - 32 + 7) / 8)) {
      throw new IllegalArgumentException("route target octets do not match length");
    }
  }

  public static RouteTargetMembership of(long originAs, RouteTarget target) {
    return new RouteTargetMembership(96, originAs, Bytes.of(ExtendedCommunityCodec.encode(target)));
  }
}
