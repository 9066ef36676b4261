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
    for (; i + 1 < end; i += 2) sum += buf.getShort(i) & 0xffff;
    if (i < end) sum += (buf.get(i) & 0xff) << 8;
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
}
