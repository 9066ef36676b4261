package io.weft.bgp.wire;

import java.net.InetAddress;

/**
 * EVPN inclusive multicast Ethernet tag route (type 3), RFC 7432 §7.3:
 * <pre>
 * | RD (8) | Ethernet tag (4) | IP len 32/128 (1) | originating router's IP (4/16) |
 * </pre>
 */
public record EvpnInclusiveMulticastRoute(RouteDistinguisher rd, long ethernetTag, InetAddress originatorIp)
    implements EvpnRoute {
  public EvpnInclusiveMulticastRoute {
    if (ethernetTag < 0 || ethernetTag > 0xffffffffL) throw new IllegalArgumentException("ethernet tag");
  }

  @Override
  public int routeType() {
    return INCLUSIVE_MULTICAST_ETHERNET_TAG;
  }
}
