package io.weft.bgp.wire;

/**
 * Encapsulation extended community, RFC 9012 §4.1 (type 0x03, subtype 0x0c): four reserved
 * octets then the 2-octet tunnel type from the BGP Tunnel Encapsulation Attribute Tunnel Types registry.
 */
public record TunnelEncapsulation(int tunnelType) implements ExtendedCommunity {
  public static final int VXLAN = 8;
  public static final int NVGRE = 9;
  public static final int MPLS = 10;
  public static final int MPLS_IN_GRE = 11;
  public static final int VXLAN_GPE = 12;
  public static final int MPLS_IN_UDP = 13;

  public TunnelEncapsulation {
    if (tunnelType < 0 || tunnelType > 0xffff) throw new IllegalArgumentException("tunnel type");
  }
}
