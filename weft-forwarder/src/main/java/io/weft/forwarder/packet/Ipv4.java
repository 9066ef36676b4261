package io.weft.forwarder.packet;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An IPv4 datagram (RFC 791 §3.1). Encoding computes IHL, total length and the header
 * checksum; decoding verifies them. Options are carried as raw bytes (padded to 4).
 */
public record Ipv4(int dscpEcn, int identification, int flagsFragment, int ttl, int protocol,
    Inet4Address source, Inet4Address destination, byte[] options, byte[] payload) {
  public static final int MIN_HEADER = 20;
  public static final int PROTO_ICMP = 1;
  public static final int PROTO_TCP = 6;
  public static final int PROTO_UDP = 17;
  public static final int PROTO_GRE = 47;
  public static final int PROTO_ICMPV6 = 58;
  public static final int FLAG_DF = 0x4000;

  public Ipv4 {
    if (options.length % 4 != 0 || options.length > 40) throw new IllegalArgumentException("options length " + options.length);
    options = options.clone();
    payload = payload.clone();
  }

  public static Ipv4 of(int protocol, Inet4Address src, Inet4Address dst, byte[] payload) {
    return new Ipv4(0, 0, FLAG_DF, 64, protocol, src, dst, new byte[0], payload);
  }

  @Override
  public byte[] options() {
    return options.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Decoded<Ipv4> decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < MIN_HEADER) return Decoded.malformed("ipv4", "header", 0, len + " bytes");
    int vihl = buf.get(b) & 0xff;
    if (vihl >>> 4 != 4) return Decoded.malformed("ipv4", "version", 0, "version " + (vihl >>> 4));
    int ihl = (vihl & 0xf) * 4;
    if (ihl < MIN_HEADER) return Decoded.malformed("ipv4", "ihl", 0, "IHL " + ihl);
    int total = buf.getShort(b + 2) & 0xffff;
    if (total < ihl || total > len) return Decoded.malformed("ipv4", "total length", 2, total + " of " + len + " bytes");
    if (Checksums.checksum(buf, b, ihl) != 0) return Decoded.malformed("ipv4", "header checksum", 10, "mismatch");
    byte[] options = new byte[ihl - MIN_HEADER];
    buf.get(b + MIN_HEADER, options);
    byte[] payload = new byte[total - ihl];
    buf.get(b + ihl, payload);
    return Decoded.ok(new Ipv4(buf.get(b + 1) & 0xff, buf.getShort(b + 4) & 0xffff, buf.getShort(b + 6) & 0xffff,
        buf.get(b + 8) & 0xff, buf.get(b + 9) & 0xff, Arp.ipv4(buf.getInt(b + 12)), Arp.ipv4(buf.getInt(b + 16)),
        options, payload));
  }

  public int headerLength() {
    return MIN_HEADER + options.length;
  }

  public byte[] encode() {
    int ihl = headerLength();
    ByteBuffer buf = ByteBuffer.allocate(ihl + payload.length);
    buf.put(0, (byte) (0x40 | ihl / 4)).put(1, (byte) dscpEcn).putShort(2, (short) (ihl + payload.length));
    buf.putShort(4, (short) identification).putShort(6, (short) flagsFragment);
    buf.put(8, (byte) ttl).put(9, (byte) protocol);
    buf.put(12, source.getAddress()).put(16, destination.getAddress());
    buf.put(MIN_HEADER, options);
    buf.putShort(10, (short) Checksums.checksum(buf, 0, ihl));
    buf.put(ihl, payload);
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv4 p && Arrays.equals(p.encode(), encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}
