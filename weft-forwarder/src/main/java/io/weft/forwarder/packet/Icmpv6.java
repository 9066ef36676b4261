package io.weft.forwarder.packet;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An ICMPv6 message (RFC 4443 §2.1). The checksum covers the IPv6 pseudo-header, so the
 * addresses are arguments of both directions. {@code body} is everything after the checksum.
 */
public record Icmpv6(int type, int code, byte[] body) {
  public static final int DESTINATION_UNREACHABLE = 1;
  public static final int ECHO_REQUEST = 128;
  public static final int ECHO_REPLY = 129;
  public static final int ROUTER_SOLICITATION = 133;
  public static final int ROUTER_ADVERTISEMENT = 134;
  public static final int NEIGHBOR_SOLICITATION = 135;
  public static final int NEIGHBOR_ADVERTISEMENT = 136;

  public Icmpv6 {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public static Decoded<Icmpv6> decode(ByteBuffer buf, Inet6Address src, Inet6Address dst) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < 4) return Decoded.malformed("icmpv6", "header", 0, len + " bytes");
    long sum = Checksums.pseudoHeader(src, dst, Ipv4.PROTO_ICMPV6, len) + Checksums.sum(buf, b, len);
    if (Checksums.finish(sum) != 0) return Decoded.malformed("icmpv6", "checksum", 2, "mismatch");
    byte[] body = new byte[len - 4];
    buf.get(b + 4, body);
    return Decoded.ok(new Icmpv6(buf.get(b) & 0xff, buf.get(b + 1) & 0xff, body));
  }

  public byte[] encode(Inet6Address src, Inet6Address dst) {
    ByteBuffer buf = ByteBuffer.allocate(4 + body.length);
    buf.put(0, (byte) type).put(1, (byte) code).put(4, body);
    long sum = Checksums.pseudoHeader(src, dst, Ipv4.PROTO_ICMPV6, buf.capacity()) + Checksums.sum(buf, 0, buf.capacity());
    buf.putShort(2, (short) Checksums.finish(sum));
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Icmpv6 i && i.type == type && i.code == code && Arrays.equals(i.body, body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body) * 31 + type;
  }
}
