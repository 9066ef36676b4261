package io.weft.bgp.wire;

import java.net.InetAddress;
import java.util.List;

/**
 * EVPN MAC/IP advertisement route (type 2), RFC 7432 §7.2:
 * <pre>
 * | RD (8) | ESI (10) | Ethernet tag (4) | MAC len=48 (1) | MAC (6) |
 * | IP len 0/32/128 (1) | IP (0/4/16) | label1 (3) | label2 (0/3) |
 * </pre>
 * {@code ip} is null when the IP length is 0; {@code labels} holds one or two raw label fields.
 */
public record EvpnMacIpRoute(RouteDistinguisher rd, Esi esi, long ethernetTag, MacAddress mac,
    InetAddress ip, List<Integer> labels) implements EvpnRoute {
  public EvpnMacIpRoute {
    labels = List.copyOf(labels);
    if (labels.isEmpty() || labels.size() > 2) throw new IllegalArgumentException("one or two labels");
    for (int l : labels) {
      if (l < 0 || l > 0xffffff) throw new IllegalArgumentException("label field " + l);
    }
    if (ethernetTag < 0 || ethernetTag > 0xffffffffL) throw new IllegalArgumentException("ethernet tag");
  }

  @Override
  public int routeType() {
    return MAC_IP_ADVERTISEMENT;
  }
}
