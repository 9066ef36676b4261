package io.weft.forwarder.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A VXLAN header (RFC 7348 §5) and the inner Ethernet frame it carries.
 * <pre>
 *  |R|R|R|R|I|R|R|R|            Reserved (24)                      |
 *  |                VNI (24)                       | Reserved (8)  |
 * </pre>
 */
public record Vxlan(int vni, byte[] payload) {
  public static final int HEADER = 8;
  public static final int FLAG_I = 0x08;

  public Vxlan {
    if (vni < 0 || vni > 0xffffff) throw new IllegalArgumentException("VNI " + vni);
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Decoded<Vxlan> decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < HEADER) return Decoded.malformed("vxlan", "header", 0, len + " bytes");
    if ((buf.get(b) & FLAG_I) == 0) return Decoded.malformed("vxlan", "flags", 0, "I flag clear");
    byte[] payload = new byte[len - HEADER];
    buf.get(b + HEADER, payload);
    return Decoded.ok(new Vxlan(buf.getInt(b + 4) >>> 8, payload));
  }

  public byte[] encode() {
    ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
    writeHeader(buf, 0, vni);
    buf.put(HEADER, payload);
    return buf.array();
  }

  public static void writeHeader(ByteBuffer buf, int index, int vni) {
    buf.putInt(index, FLAG_I << 24).putInt(index + 4, vni << 8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vxlan v && v.vni == vni && Arrays.equals(v.payload, payload);
  }

  @Override
  public int hashCode() {
    return vni * 31 + Arrays.hashCode(payload);
  }
}
