package io.weft.bgp.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A labeled VPN-IPv4/IPv6 prefix, RFC 4364 §4.3.4 with labels per RFC 8277 §2:
 * <pre>
 * | length (bits, 1 octet) | label stack (3 octets each, S bit on the last) | RD (8) | prefix |
 * </pre>
 * {@code labels} are 20-bit label values. In withdrawals RFC 8277 §2.4 allows the
 * compatibility value 0x800000 in place of the stack; it decodes to {@link #WITHDRAW_LABEL}.
 *
 * <p>Packed: a speaker holds a million of these, each in several tables, so the address and
 * labels are primitives (about 48 octets, where an {@link IpPrefix} with its InetAddress, a
 * label list and its Integer took ~110) and the hash is computed once. {@link #prefix()} and
 * {@link #labels()} build their objects on each call. Bits past the length are kept as
 * received so re-encoding is byte-identical. Immutable.
 */
public final class VpnPrefix implements Nlri {
  /** The 20-bit value of the 0x800000 withdrawal label (S bit clear). */
  public static final int WITHDRAW_LABEL = 0x80000;
  private static final int[] ONE = new int[0]; // marks the common single-label stack held in 'label'

  private final RouteDistinguisher rd;
  private final int label; // the first label, when the stack has one or more
  private final int[] stack; // ONE: just 'label'; otherwise the whole stack (possibly empty)
  private final long high; // address octets 0-7, big-endian (IPv4: the top four)
  private final long low; // address octets 8-15 (IPv6 only)
  private final short length;
  private final boolean ipv4;
  private final int hash;

  public VpnPrefix(RouteDistinguisher rd, List<Integer> labels, IpPrefix prefix) {
    this(rd, toArray(labels), prefix.address().getAddress(), prefix.length());
  }

  public VpnPrefix(RouteDistinguisher rd, int label, IpPrefix prefix) {
    this(rd, new int[] {label}, prefix.address().getAddress(), prefix.length());
  }

  /** From decoded fields: {@code address} is 4 or 16 octets. */
  VpnPrefix(RouteDistinguisher rd, int[] labels, byte[] address, int length) {
    if (rd == null) throw new NullPointerException("rd");
    for (int l : labels) {
      if (l < 0 || l > 0xfffff) throw new IllegalArgumentException("label " + l);
    }
    int max = address.length * 8;
    if (address.length != 4 && address.length != 16) throw new IllegalArgumentException("address of " + address.length + " octets");
    if (length < 0 || length > max) throw new IllegalArgumentException("prefix length " + length);
    this.rd = rd;
    this.label = labels.length > 0 ? labels[0] : 0;
    this.stack = labels.length == 1 ? ONE : labels.clone();
    this.ipv4 = address.length == 4;
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < address.length; i++) {
      if (i < 8) hi |= (address[i] & 0xffL) << (56 - 8 * i);
      else lo |= (address[i] & 0xffL) << (56 - 8 * (i - 8));
    }
    this.high = hi;
    this.low = lo;
    this.length = (short) length;
    // Not a sum of parts: with one label per prefix, a label and an address that both count up
    // would collide pairwise (label + address), so mix non-linearly.
    int h = Long.hashCode(high * 0x9E3779B97F4A7C15L) ^ Long.hashCode(low) * 31 ^ length;
    h = (h ^ (h >>> 15)) * 0x85EBCA6B ^ (stack == ONE ? label : Arrays.hashCode(stack));
    h = (h ^ (h >>> 13)) * 0xC2B2AE35;
    this.hash = h ^ (h >>> 16) ^ rd.hashCode();
  }

  private static int[] toArray(List<Integer> labels) {
    int[] a = new int[labels.size()];
    for (int i = 0; i < a.length; i++) a[i] = labels.get(i);
    return a;
  }

  public RouteDistinguisher rd() {
    return rd;
  }

  /** The label stack, as a new list. */
  public List<Integer> labels() {
    if (stack == ONE) return List.of(label);
    List<Integer> out = new ArrayList<>(stack.length);
    for (int l : stack) out.add(l);
    return List.copyOf(out);
  }

  public int labelCount() {
    return stack == ONE ? 1 : stack.length;
  }

  public int label(int index) {
    if (stack == ONE) {
      if (index != 0) throw new IndexOutOfBoundsException(index);
      return label;
    }
    return stack[index];
  }

  /** The prefix, as a new IpPrefix. */
  public IpPrefix prefix() {
    return new IpPrefix(Addresses.of(address()), length);
  }

  public int prefixLength() {
    return length;
  }

  public boolean isIpv4() {
    return ipv4;
  }

  /** The prefix's address octets (4 or 16, host bits as received), as a new array. */
  public byte[] address() {
    ByteBuffer b = ByteBuffer.allocate(16).putLong(high).putLong(low);
    return Arrays.copyOf(b.array(), ipv4 ? 4 : 16);
  }

  /** Writes the prefix's significant octets ((length + 7) / 8 of them). */
  void writeAddress(ByteBuffer out) {
    int n = (length + 7) / 8;
    for (int i = 0; i < n; i++) out.put((byte) ((i < 8 ? high : low) >>> (56 - 8 * (i & 7))));
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof VpnPrefix v && v.hash == hash && v.high == high && v.low == low && v.length == length
        && v.ipv4 == ipv4 && v.label == label && (v.stack == stack || Arrays.equals(v.stack, stack)) && v.rd.equals(rd));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return rd + ":" + prefix() + " labels " + labels();
  }
}
