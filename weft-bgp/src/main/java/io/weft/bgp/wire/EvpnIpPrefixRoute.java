package io.weft.bgp.wire;

import java.net.InetAddress;

/**
 * EVPN IP prefix route (type 5), RFC 9136 §3.1; 34 octets for IPv4, 58 for IPv6:
 * <pre>
 * | RD (8) | ESI (10) | Ethernet tag (4) | IP prefix length (1) |
 * | IP prefix (4/16) | gateway IP (4/16) | label (3) |
 * </pre>
 * The prefix field is always full width; {@code gateway} has the prefix's address family.
 */
public record EvpnIpPrefixRoute(RouteDistinguisher rd, Esi esi, long ethernetTag, IpPrefix prefix,
    InetAddress gateway, int label) implements EvpnRoute {
  public EvpnIpPrefixRoute {
    if (gateway.getAddress().length != prefix.address().getAddress().length) {
      throw new IllegalArgumentException("gateway and prefix families differ");
    }
    if (label < 0 || label > 0xffffff) throw new IllegalArgumentException("label field " + label);
    if (ethernetTag < 0 || ethernetTag > 0xffffffffL) throw new IllegalArgumentException("ethernet tag");
  }

  @Override
  public int routeType() {
    return IP_PREFIX;
  }
}
