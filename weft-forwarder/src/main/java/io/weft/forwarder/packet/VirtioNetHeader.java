package io.weft.forwarder.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The header a TAP opened with IFF_VNET_HDR puts in front of every frame (struct
 * virtio_net_hdr, linux/virtio_net.h; virtio spec 1.2 §5.1.6). Legacy layout, 10 bytes, in
 * the host's byte order (little-endian on x86-64 and aarch64):
 * <pre>
 *  0        1          2                4                6                8                10
 *  +--------+----------+----------------+----------------+----------------+----------------+
 *  | flags  | gso_type |    hdr_len     |    gso_size    |   csum_start   |  csum_offset   |
 *  +--------+----------+----------------+----------------+----------------+----------------+
 * </pre>
 * {@code NEEDS_CSUM}: the checksum at {@code csum_start + csum_offset} holds only the
 * pseudo-header sum; the one's-complement sum from {@code csum_start} to the end of the
 * packet completes it. {@code gso_type} other than NONE: the frame is one large TCP segment
 * to be cut into payloads of {@code gso_size} bytes; {@code hdr_len} is the length of the
 * headers in front of the payload (a hint). {@code csum_start} counts from the first byte of
 * the Ethernet frame.
 */
public record VirtioNetHeader(int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
  public static final int LENGTH = 10;
  public static final int F_NEEDS_CSUM = 1;
  public static final int F_DATA_VALID = 2;
  public static final int GSO_NONE = 0;
  public static final int GSO_TCPV4 = 1;
  public static final int GSO_UDP = 3;
  public static final int GSO_TCPV6 = 4;
  public static final int GSO_UDP_L4 = 5;
  public static final int GSO_ECN = 0x80;

  /** A frame with nothing to finish: checksums complete, no segmentation. */
  public static final VirtioNetHeader NONE = new VirtioNetHeader(0, GSO_NONE, 0, 0, 0, 0);
  private static final Optional<VirtioNetHeader> SOME_NONE = Optional.of(NONE); // most frames: no allocation

  public boolean needsChecksum() {
    return (flags & F_NEEDS_CSUM) != 0;
  }

  /** Whether the frame is a TCP segment larger than one packet (TSO/GSO). */
  public boolean gso() {
    return gsoType != GSO_NONE;
  }

  /**
   * Reads the header at an absolute index. Empty when it asks for something the forwarder
   * never enables (UFO/USO, ECN-marked TSO) or is inconsistent (GSO without a size).
   */
  public static Optional<VirtioNetHeader> decode(ByteBuffer buf, int index) {
    if (buf.limit() - index < LENGTH) return Optional.empty();
    int flags = buf.get(index) & 0xff;
    int gso = buf.get(index + 1) & 0xff;
    if (flags == 0 && gso == GSO_NONE) return SOME_NONE;
    ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    VirtioNetHeader h = new VirtioNetHeader(flags, gso, le.getShort(index + 2) & 0xffff,
        le.getShort(index + 4) & 0xffff, le.getShort(index + 6) & 0xffff, le.getShort(index + 8) & 0xffff);
    if (gso != GSO_NONE && gso != GSO_TCPV4 && gso != GSO_TCPV6) return Optional.empty();
    if (gso != GSO_NONE && h.gsoSize == 0) return Optional.empty();
    return Optional.of(h);
  }

  /** Writes the header at an absolute index; the buffer's own order and position are untouched. */
  public void encode(ByteBuffer buf, int index) {
    buf.put(index, (byte) flags).put(index + 1, (byte) gsoType);
    putLe(buf, index + 2, hdrLen);
    putLe(buf, index + 4, gsoSize);
    putLe(buf, index + 6, csumStart);
    putLe(buf, index + 8, csumOffset);
  }

  public byte[] encode() {
    byte[] b = new byte[LENGTH];
    encode(ByteBuffer.wrap(b), 0);
    return b;
  }

  /** The same header for the frame moved by {@code delta} bytes (a rewritten or removed L2 header). */
  public VirtioNetHeader shifted(int delta) {
    if (this == NONE || delta == 0) return this;
    return new VirtioNetHeader(flags, gsoType, gso() ? hdrLen + delta : hdrLen, gsoSize,
        needsChecksum() ? csumStart + delta : csumStart, csumOffset);
  }

  private static void putLe(ByteBuffer buf, int index, int v) {
    buf.put(index, (byte) v).put(index + 1, (byte) (v >>> 8));
  }
}
