package io.weft.forwarder.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A UDP datagram (RFC 768). The checksum covers the pseudo-header; zero means "none" over
 * IPv4 and is accepted on decode; over IPv6 it is mandatory (RFC 8200 §8.1).
 */
public record Udp(int sourcePort, int destinationPort, byte[] payload) {
  public static final int HEADER = 8;
  public static final int PORT_MPLS_UDP = 6635; // RFC 7510 §3
  public static final int PORT_VXLAN = 4789; // RFC 7348 §5

  public Udp {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Decoded<Udp> decode(ByteBuffer buf, InetAddress src, InetAddress dst) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < HEADER) return Decoded.malformed("udp", "header", 0, len + " bytes");
    int ulen = buf.getShort(b + 4) & 0xffff;
    if (ulen < HEADER || ulen > len) return Decoded.malformed("udp", "length", 4, ulen + " of " + len);
    int csum = buf.getShort(b + 6) & 0xffff;
    if (csum == 0 && !(src instanceof Inet4Address)) return Decoded.malformed("udp", "checksum", 6, "zero over IPv6");
    if (csum != 0) {
      long sum = Checksums.pseudoHeader(src, dst, Ipv4.PROTO_UDP, ulen) + Checksums.sum(buf, b, ulen);
      if (Checksums.finish(sum) != 0) return Decoded.malformed("udp", "checksum", 6, "mismatch");
    }
    byte[] payload = new byte[ulen - HEADER];
    buf.get(b + HEADER, payload);
    return Decoded.ok(new Udp(buf.getShort(b) & 0xffff, buf.getShort(b + 2) & 0xffff, payload));
  }

  public byte[] encode(InetAddress src, InetAddress dst) {
    ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
    buf.putShort(0, (short) sourcePort).putShort(2, (short) destinationPort).putShort(4, (short) buf.capacity());
    buf.put(HEADER, payload);
    int csum = Checksums.finish(Checksums.pseudoHeader(src, dst, Ipv4.PROTO_UDP, buf.capacity())
        + Checksums.sum(buf, 0, buf.capacity()));
    buf.putShort(6, (short) (csum == 0 ? 0xffff : csum));
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Udp u && u.sourcePort == sourcePort && u.destinationPort == destinationPort
        && Arrays.equals(u.payload, payload);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload) * 31 + destinationPort;
  }
}
