package io.weft.bgp.wire;

import java.util.List;

/**
 * A labeled VPN-IPv4/IPv6 prefix, RFC 4364 §4.3.4 with labels per RFC 8277 §2:
 * <pre>
 * | length (bits, 1 octet) | label stack (3 octets each, S bit on the last) | RD (8) | prefix |
 * </pre>
 * {@code labels} are 20-bit label values. In withdrawals RFC 8277 §2.4 allows the
 * compatibility value 0x800000 in place of the stack; it decodes to {@link #WITHDRAW_LABEL}.
 */
public record VpnPrefix(RouteDistinguisher rd, List<Integer> labels, IpPrefix prefix) implements Nlri {
  /** The 20-bit value of the 0x800000 withdrawal label (S bit clear). */
  public static final int WITHDRAW_LABEL = 0x80000;

  public VpnPrefix {
    labels = List.copyOf(labels);
    for (int l : labels) {
      if (l < 0 || l > 0xfffff) throw new IllegalArgumentException("label " + l);
    }
  }

  public VpnPrefix(RouteDistinguisher rd, int label, IpPrefix prefix) {
    this(rd, List.of(label), prefix);
  }

  // Written out: the generated ones go through method handles, and prefixes are hashed per table per neighbour.
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof VpnPrefix v && v.prefix.equals(prefix) && v.labels.equals(labels) && v.rd.equals(rd));
  }

  @Override
  public int hashCode() {
    // Not the usual 31-polynomial: with one label per prefix, a label and an address that both
    // count up make sums collide pairwise (label + address), so mix non-linearly.
    int h = prefix.hashCode() * 0x9E3779B1;
    h = (h ^ (h >>> 15) ^ labels.hashCode()) * 0x85EBCA6B;
    return h ^ (h >>> 13) ^ rd.hashCode();
  }

  @Override
  public String toString() {
    return rd + ":" + prefix + " labels " + labels;
  }
}
