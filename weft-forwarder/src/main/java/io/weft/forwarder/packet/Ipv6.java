package io.weft.forwarder.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An IPv6 packet (RFC 8200 §3). Extension headers are not interpreted: they stay at the
 * front of the payload and {@code nextHeader} names the first of them.
 */
public record Ipv6(int trafficClass, int flowLabel, int nextHeader, int hopLimit,
    Inet6Address source, Inet6Address destination, byte[] payload) {
  public static final int HEADER = 40;

  public Ipv6 {
    payload = payload.clone();
  }

  public static Ipv6 of(int nextHeader, Inet6Address src, Inet6Address dst, byte[] payload) {
    return new Ipv6(0, 0, nextHeader, 64, src, dst, payload);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Decoded<Ipv6> decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < HEADER) return Decoded.malformed("ipv6", "header", 0, len + " bytes");
    int first = buf.getInt(b);
    if (first >>> 28 != 6) return Decoded.malformed("ipv6", "version", 0, "version " + (first >>> 28));
    int plen = buf.getShort(b + 4) & 0xffff;
    if (HEADER + plen > len) return Decoded.malformed("ipv6", "payload length", 4, plen + " of " + (len - HEADER));
    byte[] payload = new byte[plen];
    buf.get(b + HEADER, payload);
    return Decoded.ok(new Ipv6((first >>> 20) & 0xff, first & 0xfffff, buf.get(b + 6) & 0xff, buf.get(b + 7) & 0xff,
        address(buf, b + 8), address(buf, b + 24), payload));
  }

  public byte[] encode() {
    ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
    buf.putInt(0, 6 << 28 | (trafficClass & 0xff) << 20 | (flowLabel & 0xfffff));
    buf.putShort(4, (short) payload.length).put(6, (byte) nextHeader).put(7, (byte) hopLimit);
    buf.put(8, source.getAddress()).put(24, destination.getAddress()).put(HEADER, payload);
    return buf.array();
  }

  static Inet6Address address(ByteBuffer buf, int index) {
    byte[] a = new byte[16];
    buf.get(index, a);
    try {
      return Inet6Address.getByAddress(null, a, null);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static Inet6Address address(byte[] sixteen) {
    return address(ByteBuffer.wrap(sixteen), 0);
  }

  /** Parses an IPv6 literal without a name lookup. */
  public static Inet6Address parse(String literal) {
    try {
      if (InetAddress.ofLiteral(literal) instanceof Inet6Address a) return a;
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new IllegalArgumentException("not an IPv6 literal: " + literal);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv6 p && Arrays.equals(p.encode(), encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}
