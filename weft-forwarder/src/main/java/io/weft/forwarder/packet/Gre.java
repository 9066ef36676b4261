package io.weft.forwarder.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * A GRE header (RFC 2784 §2, with the key and sequence number of RFC 2890 §2).
 * MPLSoGRE (RFC 4023 §4) uses protocol type 0x8847 and no optional fields.
 * <pre>
 *  |C| |K|S| Reserved0       | Ver |         Protocol Type         |
 *  |      Checksum (optional)      |       Reserved1 (Optional)    |
 *  |                         Key (optional)                        |
 *  |                 Sequence Number (Optional)                    |
 * </pre>
 */
public record Gre(int protocolType, boolean checksumPresent, OptionalLong key, OptionalLong sequence, byte[] payload) {
  public static final int BASE_HEADER = 4;
  static final int C = 0x8000;
  static final int K = 0x2000;
  static final int S = 0x1000;

  public Gre {
    payload = payload.clone();
  }

  public static Gre of(int protocolType, byte[] payload) {
    return new Gre(protocolType, false, OptionalLong.empty(), OptionalLong.empty(), payload);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Decoded<Gre> decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < BASE_HEADER) return Decoded.malformed("gre", "header", 0, len + " bytes");
    int first = buf.getShort(b) & 0xffff;
    if ((first & 7) != 0) return Decoded.malformed("gre", "version", 1, "version " + (first & 7));
    int at = BASE_HEADER;
    boolean c = (first & C) != 0;
    int need = at + (c ? 4 : 0) + ((first & K) != 0 ? 4 : 0) + ((first & S) != 0 ? 4 : 0);
    if (need > len) return Decoded.malformed("gre", "optional fields", at, "truncated");
    if (c) {
      if (Checksums.checksum(buf, b, len) != 0) return Decoded.malformed("gre", "checksum", 4, "mismatch");
      at += 4;
    }
    OptionalLong key = OptionalLong.empty();
    OptionalLong seq = OptionalLong.empty();
    if ((first & K) != 0) {
      key = OptionalLong.of(buf.getInt(b + at) & 0xffff_ffffL);
      at += 4;
    }
    if ((first & S) != 0) {
      seq = OptionalLong.of(buf.getInt(b + at) & 0xffff_ffffL);
      at += 4;
    }
    byte[] payload = new byte[len - at];
    buf.get(b + at, payload);
    return Decoded.ok(new Gre(buf.getShort(b + 2) & 0xffff, c, key, seq, payload));
  }

  public byte[] encode() {
    int hdr = BASE_HEADER + (checksumPresent ? 4 : 0) + (key.isPresent() ? 4 : 0) + (sequence.isPresent() ? 4 : 0);
    ByteBuffer buf = ByteBuffer.allocate(hdr + payload.length);
    buf.putShort(0, (short) ((checksumPresent ? C : 0) | (key.isPresent() ? K : 0) | (sequence.isPresent() ? S : 0)));
    buf.putShort(2, (short) protocolType);
    int at = BASE_HEADER + (checksumPresent ? 4 : 0);
    if (key.isPresent()) {
      buf.putInt(at, (int) key.getAsLong());
      at += 4;
    }
    if (sequence.isPresent()) buf.putInt(at, (int) sequence.getAsLong());
    buf.put(hdr, payload);
    if (checksumPresent) buf.putShort(4, (short) Checksums.checksum(buf, 0, buf.capacity()));
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gre g && Arrays.equals(g.encode(), encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}
