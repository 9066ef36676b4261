package io.weft.xmpp.message;

/**
 * Address families as they appear in node names and {@code nlri} (TF src/net/bgp_af.h: AFI
 * IPv4 1, IPv6 2, L2VPN 25; SAFI unicast 1, EVPN "Enet" 242).
 */
public enum Family {
  INET(1, 1),
  INET6(2, 1),
  EVPN(25, 242);

  private final int afi;
  private final int safi;

  Family(int afi, int safi) {
    this.afi = afi;
    this.safi = safi;
  }

  public int afi() {
    return afi;
  }

  public int safi() {
    return safi;
  }

  /** {@code afi/safi}, the prefix of every node name of this family. */
  public String nodePrefix() {
    return afi + "/" + safi;
  }

  /** The family for this afi/safi pair, or null. */
  public static Family of(int afi, int safi) {
    for (Family f : values()) {
      if (f.afi == afi && f.safi == safi) return f;
    }
    return null;
  }
}
