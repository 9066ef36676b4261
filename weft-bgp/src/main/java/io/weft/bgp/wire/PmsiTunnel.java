package io.weft.bgp.wire;

import java.net.InetAddress;

/**
 * P-Multicast Service Interface tunnel attribute, RFC 6514 §5 (optional transitive, type 22):
 * <pre>
 * | flags (1): L bit 0x01 | tunnel type (1) | MPLS label (3) | tunnel identifier (variable) |
 * </pre>
 * EVPN inclusive multicast routes carry it (RFC 7432 §11.2); with ingress replication
 * (tunnel type 6) the identifier is the unicast address traffic is replicated to. The label
 * field is kept as its raw 24 bits: an MPLS label sits in the high 20 (RFC 6514 §5), while
 * over VXLAN the whole field is the VNI (RFC 8365 §5.1.3), as gobgpd writes it.
 */
public record PmsiTunnel(int flags, int tunnelType, int labelField, Bytes tunnelId) implements PathAttribute {
  /** RFC 6514 §5: Leaf Information Required. */
  public static final int FLAG_LEAF_INFO_REQUIRED = 0x01;
  /** RFC 6514 §5 / RFC 7385 tunnel types. */
  public static final int NO_TUNNEL_INFORMATION = 0;
  public static final int INGRESS_REPLICATION = 6;

  public PmsiTunnel {
    if (flags < 0 || flags > 0xff || tunnelType < 0 || tunnelType > 0xff) throw new IllegalArgumentException("flags or tunnel type");
    if (labelField < 0 || labelField > 0xffffff) throw new IllegalArgumentException("label field " + labelField);
  }

  /** Ingress replication to {@code endpoint}, the label field carrying a VXLAN VNI (RFC 8365 §5.1.3). */
  public static PmsiTunnel ingressReplication(int vni, InetAddress endpoint) {
    return new PmsiTunnel(0, INGRESS_REPLICATION, vni, Bytes.of(endpoint.getAddress()));
  }

  /** The tunnel identifier as an address when it is one (4 or 16 octets), else null. */
  public InetAddress tunnelEndpoint() {
    int n = tunnelId.length();
    return n == 4 || n == 16 ? Addresses.of(tunnelId.toArray()) : null;
  }

  @Override
  public int typeCode() {
    return PMSI_TUNNEL;
  }
}
