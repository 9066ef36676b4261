package io.weft.bgp.wire;

/**
 * An EVPN route, RFC 7432 §7: a route type octet, a length octet, then the type's fields.
 * Label fields are kept as the raw 3 octets (as an int): an MPLS label is {@code label << 4}
 * there, a VXLAN VNI fills all 24 bits (RFC 8365 §5.1.3).
 */
public sealed interface EvpnRoute extends Nlri
    permits EvpnMacIpRoute, EvpnInclusiveMulticastRoute, EvpnIpPrefixRoute, EvpnOtherRoute {
  int ETHERNET_AUTO_DISCOVERY = 1;
  int MAC_IP_ADVERTISEMENT = 2;
  int INCLUSIVE_MULTICAST_ETHERNET_TAG = 3;
  int ETHERNET_SEGMENT = 4;
  int IP_PREFIX = 5;

  int routeType();
}
