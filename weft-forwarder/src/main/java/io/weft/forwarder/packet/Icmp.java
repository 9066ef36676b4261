package io.weft.forwarder.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** An ICMP message (RFC 792): type, code, checksum, four bytes that depend on the type, data. */
public record Icmp(int type, int code, int rest, byte[] data) {
  public static final int ECHO_REPLY = 0;
  public static final int DESTINATION_UNREACHABLE = 3;
  public static final int ECHO_REQUEST = 8;
  public static final int TIME_EXCEEDED = 11;

  public Icmp {
    data = data.clone();
  }

  public static Icmp echo(int type, int identifier, int sequence, byte[] data) {
    return new Icmp(type, 0, identifier << 16 | (sequence & 0xffff), data);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public int identifier() {
    return rest >>> 16;
  }

  public static Decoded<Icmp> decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < 8) return Decoded.malformed("icmp", "header", 0, len + " bytes");
    if (Checksums.checksum(buf, b, len) != 0) return Decoded.malformed("icmp", "checksum", 2, "mismatch");
    byte[] data = new byte[len - 8];
    buf.get(b + 8, data);
    return Decoded.ok(new Icmp(buf.get(b) & 0xff, buf.get(b + 1) & 0xff, buf.getInt(b + 4), data));
  }

  public byte[] encode() {
    ByteBuffer buf = ByteBuffer.allocate(8 + data.length);
    buf.put(0, (byte) type).put(1, (byte) code).putInt(4, rest).put(8, data);
    buf.putShort(2, (short) Checksums.checksum(buf, 0, buf.capacity()));
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Icmp i && Arrays.equals(i.encode(), encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}
