package io.weft.forwarder.pipeline;

import io.weft.forwarder.packet.Checksums;
import io.weft.forwarder.packet.FrameView;
import io.weft.forwarder.packet.Ipv4;
import io.weft.forwarder.packet.VirtioNetHeader;

/**
 * Offloads (SYSTEM.md §4) along the pipeline. A frame from a TAP with virtio-net headers comes with its
 * {@link VirtioNetHeader} — a checksum left partial, and possibly a TCP segment of up to
 * 64 KiB (TSO). To a port that takes the header too, both pass through untouched. Into a
 * tunnel the checksum of an MTU-sized packet is completed; a TSO segment that fits the
 * underlay's datagram travels whole (its checksum left partial: see Pipeline.encapsulate), and one
 * that does not is cut in software ({@link TcpSegmenter}) into the largest multiple of its
 * MSS that fits, with complete checksums. From the tunnel, a TCP packet larger than the port
 * MTU goes to the TAP as GSO with a partial checksum, so the pod's stack neither segments
 * nor sums it. A port without the header gets MTU-sized segments with complete checksums.
 * The port MTU is the virtual network's, the same on every forwarder.
 */
final class Offloads {
  private Offloads() {}

  /**
   * What a packet from the tunnel tells its TAP: a TCP packet larger than the port MTU (the
   * sender's TSO segment, carried whole) goes as GSO with the pseudo-header sum as a partial
   * checksum, sized for the port MTU; anything else as a complete packet.
   */
  static VirtioNetHeader received(FrameView f, int portMtu) {
    if (f.protocol != Ipv4.PROTO_TCP || f.ipTotalLength <= portMtu) return VirtioNetHeader.NONE;
    int thl = TcpSegmenter.tcpHeaderLength(f);
    int mss = portMtu - (f.l4 - f.l3) - thl;
    if (thl < 0 || mss <= 0) return VirtioNetHeader.NONE;
    long pseudo = Checksums.pseudoHeader(f.buf, f.l3, f.ipVersion, Ipv4.PROTO_TCP, f.l3 + f.ipTotalLength - f.l4);
    f.buf.putShort(f.l4 + 16, (short) ~Checksums.finish(pseudo)); // the folded sum, not complemented
    return new VirtioNetHeader(VirtioNetHeader.F_NEEDS_CSUM,
        f.ipVersion == 4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6,
        f.l4 + thl - f.start, mss, f.l4 - f.start, 16);
  }

  /** Completes a checksum the sender left partial (offsets in {@code vh} relative to the frame). */
  static void complete(FrameView f, VirtioNetHeader vh) {
    int end = f.ipVersion == 0 ? f.end : f.l3 + f.ipTotalLength;
    Checksums.completePartial(f.buf, f.start + vh.csumStart(), vh.csumOffset(), end);
  }
}
