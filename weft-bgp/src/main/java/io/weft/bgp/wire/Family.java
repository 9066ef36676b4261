package io.weft.bgp.wire;

/**
 * An address family: AFI (IANA address family numbers) and SAFI (RFC 4760 §5 registry).
 * The families Weft speaks are constants here.
 */
public record Family(int afi, int safi) {
  public static final int AFI_IPV4 = 1;
  public static final int AFI_IPV6 = 2;
  public static final int AFI_L2VPN = 25;
  public static final int SAFI_UNICAST = 1;
  public static final int SAFI_EVPN = 70;
  public static final int SAFI_MPLS_VPN = 128;
  public static final int SAFI_ROUTE_TARGET_CONSTRAINT = 132;

  public static final Family IPV4_UNICAST = new Family(AFI_IPV4, SAFI_UNICAST);
  public static final Family IPV6_UNICAST = new Family(AFI_IPV6, SAFI_UNICAST);
  /** RFC 4364 VPN-IPv4. */
  public static final Family IPV4_VPN = new Family(AFI_IPV4, SAFI_MPLS_VPN);
  /** RFC 4659 VPN-IPv6. */
  public static final Family IPV6_VPN = new Family(AFI_IPV6, SAFI_MPLS_VPN);
  /** RFC 7432 EVPN. */
  public static final Family EVPN = new Family(AFI_L2VPN, SAFI_EVPN);
  /** RFC 4684 route-target membership. */
  public static final Family RT_CONSTRAINT = new Family(AFI_IPV4, SAFI_ROUTE_TARGET_CONSTRAINT);

  public Family {
    if (afi < 0 || afi > 0xffff || safi < 0 || safi > 0xff) {
      throw new IllegalArgumentException("AFI/SAFI out of range: " + afi + "/" + safi);
    }
  }

  public boolean isVpn() {
    return safi == SAFI_MPLS_VPN;
  }

  @Override
  public String toString() {
    if (equals(IPV4_UNICAST)) return "ipv4-unicast";
    if (equals(IPV6_UNICAST)) return "ipv6-unicast";
    if (equals(IPV4_VPN)) return "ipv4-vpn";
    if (equals(IPV6_VPN)) return "ipv6-vpn";
    if (equals(EVPN)) return "l2vpn-evpn";
    if (equals(RT_CONSTRAINT)) return "rt-constraint";
    return afi + "/" + safi;
  }
}
