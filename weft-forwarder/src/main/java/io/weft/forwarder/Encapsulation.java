package io.weft.forwarder;

/** Underlay encapsulations, named as in the original's {@code encapsulation-priorities}. */
public enum Encapsulation {
  /** MPLS in UDP, RFC 7510, destination port 6635. */
  MPLS_UDP,
  /** MPLS in GRE, RFC 4023, IP protocol 47. */
  MPLS_GRE,
  /** VXLAN, RFC 7348, destination port 4789. */
  VXLAN
}
