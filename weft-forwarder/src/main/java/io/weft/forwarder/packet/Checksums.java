package io.weft.forwarder.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The Internet checksum (RFC 1071), the TCP/UDP/ICMPv6 pseudo-headers (RFC 793 §3.1,
 * RFC 768, RFC 8200 §8.1), and incremental update for rewritten fields (RFC 1624 eqn. 3),
 * which NAT uses to avoid summing a whole segment again.
 */
public final class Checksums {
  private Checksums() {}

  /** One's-complement sum of {@code length} bytes at an absolute index, not folded or inverted. */
  public static long sum(ByteBuffer buf, int index, int length) {
    long sum = 0;
    int i = index;
    int end = index + length;
    // 32-bit words into a 64-bit accumulator (RFC 1071 §2(B): any word size folds to the same
    // sum), read 8 bytes at a time; a 64 KiB segment adds at most 2^46, far from overflow.
    ByteBuffer b = buf.order() == java.nio.ByteOrder.BIG_ENDIAN ? buf : buf.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN);
    for (; i + 7 < end; i += 8) {
      long v = b.getLong(i);
      sum += (v >>> 32) + (v & 0xffff_ffffL);
    }
    for (; i + 3 < end; i += 4) sum += b.getInt(i) & 0xffff_ffffL;
    for (; i + 1 < end; i += 2) sum += b.getShort(i) & 0xffff;
    if (i < end) sum += (b.get(i) & 0xff) << 8;
    return sum;
  }

  public static long sum(byte[] bytes) {
    return sum(ByteBuffer.wrap(bytes), 0, bytes.length);
  }

  /** Folds a 32-bit-or-wider sum to 16 bits and complements it. */
  public static int finish(long sum) {
    while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
    return (int) (~sum & 0xffff);
  }

  public static int checksum(ByteBuffer buf, int index, int length) {
    return finish(sum(buf, index, length));
  }

  /** Sum of the pseudo-header for IPv4 or IPv6 (both addresses of the same family). */
  public static long pseudoHeader(InetAddress src, InetAddress dst, int protocol, int length) {
    long sum = sum(src.getAddress()) + sum(dst.getAddress());
    if (src instanceof Inet4Address) return sum + protocol + length;
    return sum + (length >>> 16) + (length & 0xffff) + protocol;
  }

  /** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), for one rewritten 16-bit field. */
  public static int update16(int checksum, int oldValue, int newValue) {
    long sum = (~checksum & 0xffff) + (~oldValue & 0xffff) + (newValue & 0xffff);
    return finish(sum);
  }

  /** RFC 1624 for a rewritten 32-bit field such as an IPv4 address. */
  public static int update32(int checksum, int oldValue, int newValue) {
    int c = update16(checksum, oldValue >>> 16, newValue >>> 16);
    return update16(c, oldValue & 0xffff, newValue & 0xffff);
  }

  /**
   * The pseudo-header sum of the IPv4 or IPv6 packet whose header starts at {@code l3}, read
   * from the buffer (addresses, {@code protocol}, and the transport length {@code l4Length}).
   */
  public static long pseudoHeader(ByteBuffer buf, int l3, int ipVersion, int protocol, int l4Length) {
    if (ipVersion == 4) return sum(buf, l3 + 12, 8) + protocol + l4Length;
    return sum(buf, l3 + 8, 32) + (l4Length >>> 16) + (l4Length & 0xffff) + protocol;
  }

  /**
   * Finishes a checksum left partial by an offloading sender (virtio NEEDS_CSUM, the kernel's
   * CHECKSUM_PARTIAL): the field at {@code start + offset} holds the pseudo-header sum, and
   * the sum over {@code [start, end)} including it is the checksum to store.
   */
  public static void completePartial(ByteBuffer buf, int start, int offset, int end) {
    int c = finish(sum(buf, start, end - start));
    if (c == 0 && offset == 6) c = 0xffff; // UDP: a zero checksum means none (RFC 768)
    buf.putShort(start + offset, (short) c);
  }
}
