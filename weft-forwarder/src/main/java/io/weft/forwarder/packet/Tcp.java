package io.weft.forwarder.packet;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A TCP segment (RFC 9293 §3.1); the checksum covers the pseudo-header. */
public record Tcp(int sourcePort, int destinationPort, long sequence, long acknowledgment, int flags, int window,
    int urgentPointer, byte[] options, byte[] payload) {
  public static final int MIN_HEADER = 20;
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  public Tcp {
    if (options.length % 4 != 0 || options.length > 40) throw new IllegalArgumentException("options length " + options.length);
    options = options.clone();
    payload = payload.clone();
  }

  public static Tcp of(int sport, int dport, int flags, byte[] payload) {
    return new Tcp(sport, dport, 1, flags == SYN ? 0 : 1, flags, 65535, 0, new byte[0], payload);
  }

  @Override
  public byte[] options() {
    return options.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Decoded<Tcp> decode(ByteBuffer buf, InetAddress src, InetAddress dst) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < MIN_HEADER) return Decoded.malformed("tcp", "header", 0, len + " bytes");
    int doff = ((buf.get(b + 12) & 0xff) >>> 4) * 4;
    if (doff < MIN_HEADER || doff > len) return Decoded.malformed("tcp", "data offset", 12, "offset " + doff);
    long sum = Checksums.pseudoHeader(src, dst, Ipv4.PROTO_TCP, len) + Checksums.sum(buf, b, len);
    if (Checksums.finish(sum) != 0) return Decoded.malformed("tcp", "checksum", 16, "mismatch");
    byte[] options = new byte[doff - MIN_HEADER];
    buf.get(b + MIN_HEADER, options);
    byte[] payload = new byte[len - doff];
    buf.get(b + doff, payload);
    return Decoded.ok(new Tcp(buf.getShort(b) & 0xffff, buf.getShort(b + 2) & 0xffff, buf.getInt(b + 4) & 0xffff_ffffL,
        buf.getInt(b + 8) & 0xffff_ffffL, buf.getShort(b + 12) & 0x0fff, buf.getShort(b + 14) & 0xffff,
        buf.getShort(b + 18) & 0xffff, options, payload));
  }

  public byte[] encode(InetAddress src, InetAddress dst) {
    int doff = MIN_HEADER + options.length;
    ByteBuffer buf = ByteBuffer.allocate(doff + payload.length);
    buf.putShort(0, (short) sourcePort).putShort(2, (short) destinationPort);
    buf.putInt(4, (int) sequence).putInt(8, (int) acknowledgment);
    buf.putShort(12, (short) ((doff / 4) << 12 | (flags & 0x0fff))).putShort(14, (short) window);
    buf.putShort(18, (short) urgentPointer).put(MIN_HEADER, options).put(doff, payload);
    buf.putShort(16, (short) Checksums.finish(Checksums.pseudoHeader(src, dst, Ipv4.PROTO_TCP, buf.capacity())
        + Checksums.sum(buf, 0, buf.capacity())));
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tcp t && t.sourcePort == sourcePort && t.destinationPort == destinationPort
        && t.sequence == sequence && t.acknowledgment == acknowledgment && t.flags == flags && t.window == window
        && t.urgentPointer == urgentPointer && Arrays.equals(t.options, options) && Arrays.equals(t.payload, payload);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload) * 31 + destinationPort;
  }
}
