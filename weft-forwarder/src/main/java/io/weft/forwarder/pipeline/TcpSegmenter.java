package io.weft.forwarder.pipeline;

import io.weft.forwarder.packet.Checksums;
import io.weft.forwarder.packet.FrameView;
import io.weft.forwarder.packet.Ipv4;
import java.nio.ByteBuffer;

/**
 * TCP segmentation in software: what a NIC does for TSO (and the kernel's tcp_gso_segment),
 * for a large segment that must leave as several smaller ones — into an underlay whose MTU
 * is smaller than the segment, or to a port without offloads. Each segment carries the
 * original headers with
 * <ul>
 *   <li>IPv4 total length and identification (the original's + segment index), header
 *       checksum; IPv6 payload length (RFC 8200 §3);</li>
 *   <li>TCP sequence number advanced by the payload before it; FIN and PSH only on the last
 *       segment, CWR only on the first (RFC 3168 §6.1.2, as Linux does);</li>
 *   <li>a complete TCP checksum (RFC 9293 §3.1), whatever the original held (the sender's
 *       partial pseudo-header sum, when it left checksumming to the device).</li>
 * </ul>
 * Not thread-safe through its arguments: one output buffer and view per packet thread.
 */
final class TcpSegmenter {
  static final int TCP_FIN = 0x01;
  static final int TCP_PSH = 0x08;
  static final int TCP_CWR = 0x80;

  /** Receives each segment in turn; the view and its buffer are reused for the next one. */
  interface Sink {
    void segment(FrameView segment);
  }

  private TcpSegmenter() {}

  /** The TCP header length of the segment in {@code f}, or -1 when it is not a whole TCP header. */
  static int tcpHeaderLength(FrameView f) {
    if (f.protocol != Ipv4.PROTO_TCP || f.ipVersion == 0 || f.fragment) return -1;
    int thl = ((f.buf.get(f.l4 + 12) & 0xf0) >>> 4) * 4;
    return thl < 20 || f.l4 + thl > f.l3 + f.ipTotalLength ? -1 : thl;
  }

  /**
   * Cuts the TCP segment in {@code f} into segments of at most {@code maxPayload} payload
   * bytes, each built at index {@code at} of {@code out} (which must leave room in front for
   * encapsulation), parsed into {@code view} and handed to {@code sink}. A segment that
   * already fits gets its checksum completed in place and is handed over as is. Returns the
   * number of segments, or -1 if {@code f} is not a TCP segment.
   */
  static int segment(FrameView f, int maxPayload, ByteBuffer out, int at, FrameView view, Sink sink) {
    int thl = tcpHeaderLength(f);
    if (thl < 0 || maxPayload <= 0) return -1;
    ByteBuffer in = f.buf;
    int ipEnd = f.l3 + f.ipTotalLength;
    int payloadStart = f.l4 + thl;
    int payload = ipEnd - payloadStart;
    if (payload <= maxPayload) {
      tcpChecksum(in, f.l3, f.l4, ipEnd, f.ipVersion);
      sink.segment(f);
      return 1;
    }
    int headers = payloadStart - f.start;
    int l3 = at + (f.l3 - f.start);
    int l4 = at + (f.l4 - f.start);
    int ipHeader = f.l4 - f.l3;
    int id = in.getShort(f.l3 + 4) & 0xffff;
    int seq = in.getInt(f.l4 + 4);
    int flags = in.get(f.l4 + 13) & 0xff;
    boolean bare = f.l3 == f.start;
    int count = 0;
    for (int off = 0; off < payload; off += maxPayload, count++) {
      int n = Math.min(maxPayload, payload - off);
      boolean last = off + n == payload;
      out.limit(out.capacity()); // the sink may have windowed the buffer for its send
      out.put(at, in, f.start, headers);
      out.put(at + headers, in, payloadStart + off, n);
      int end = at + headers + n;
      if (f.ipVersion == 4) {
        out.putShort(l3 + 2, (short) (ipHeader + thl + n));
        out.putShort(l3 + 4, (short) (id + count));
        out.putShort(l3 + 10, (short) 0);
        out.putShort(l3 + 10, (short) Checksums.checksum(out, l3, ipHeader));
      } else {
        out.putShort(l3 + 4, (short) (ipHeader - 40 + thl + n));
      }
      out.putInt(l4 + 4, seq + off);
      int fl = flags;
      if (!last) fl &= ~(TCP_FIN | TCP_PSH);
      if (count > 0) fl &= ~TCP_CWR;
      out.put(l4 + 13, (byte) fl);
      tcpChecksum(out, l3, l4, end, f.ipVersion);
      int r = bare ? view.parseIp(out, at, end) : view.parseEthernet(out, at, end);
      if (r != FrameView.OK) return -1;
      sink.segment(view);
    }
    return count;
  }

  /** Computes the TCP checksum of the segment at {@code [l4, end)} from scratch. */
  static void tcpChecksum(ByteBuffer buf, int l3, int l4, int end, int ipVersion) {
    buf.putShort(l4 + 16, (short) 0);
    long sum = Checksums.pseudoHeader(buf, l3, ipVersion, Ipv4.PROTO_TCP, end - l4) + Checksums.sum(buf, l4, end - l4);
    buf.putShort(l4 + 16, (short) Checksums.finish(sum));
  }
}
