package io.weft.forwarder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.forwarder.packet.Ethernet;
import io.weft.forwarder.packet.FrameView;
import io.weft.forwarder.packet.Ipv4;
import io.weft.forwarder.packet.Ipv6;
import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.packet.Tcp;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Software TSO against a reference: the segments, decoded by the codecs (which verify the
 * IPv4 header and TCP checksums), re-assemble by sequence number to the original payload,
 * each within the size asked for, with FIN/PSH only on the last and CWR only on the first.
 * Large segments with partial checksums, as a TAP with TSO hands them over, for IPv4, IPv6,
 * bare IP (an MPLS L3 payload) and seeded random sizes.
 */
class TcpSegmenterTest {
  static final Inet4Address A4 = (Inet4Address) InetAddress.ofLiteral("10.77.0.2");
  static final Inet4Address B4 = (Inet4Address) InetAddress.ofLiteral("10.77.0.3");
  static final Inet6Address A6 = (Inet6Address) InetAddress.ofLiteral("fd00:77::2");
  static final Inet6Address B6 = (Inet6Address) InetAddress.ofLiteral("fd00:77::3");
  static final int HEADROOM = Pipeline.HEADROOM;

  record Case(int ipVersion, boolean bare, int payload, int mss, long seed) {}

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of(new Case(4, false, 65_000, 1448, 1)));
    out.add(Arguments.of(new Case(6, false, 64_000, 1428, 2)));
    out.add(Arguments.of(new Case(4, true, 30_000, 1448, 3)));
    out.add(Arguments.of(new Case(4, false, 2 * 1448, 1448, 4))); // exact multiple
    out.add(Arguments.of(new Case(4, false, 60_000, 43 * 1448, 5))); // chunks of many MSS: big datagrams
    out.add(Arguments.of(new Case(4, false, 1000, 1448, 6))); // already fits: checksum completed in place
    Random r = new Random(42);
    for (int i = 0; i < 20; i++) {
      out.add(Arguments.of(new Case(r.nextBoolean() ? 4 : 6, r.nextBoolean(), 1 + r.nextInt(65_000), 1 + r.nextInt(9000),
          r.nextLong())));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void segmentsReassembleToTheOriginalWithValidChecksums(Case k) {
    byte[] payload = new byte[k.payload()];
    new Random(k.seed()).nextBytes(payload);
    long seq = 0xfffff000L; // wraps within the segment
    int flags = Tcp.ACK | Tcp.PSH | Tcp.FIN | TcpSegmenter.TCP_CWR;
    byte[] options = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}; // NOP NOP timestamps
    InetAddress src = k.ipVersion() == 4 ? A4 : A6;
    InetAddress dst = k.ipVersion() == 4 ? B4 : B6;
    byte[] tcp = new Tcp(40000, 5201, seq, 7, flags, 500, 0, options, payload).encode(src, dst);
    tcp[16] = 0x12; // a partial checksum, as the sender's kernel leaves it: whatever it is, it is replaced
    tcp[17] = 0x34;
    byte[] ip = k.ipVersion() == 4
        ? new Ipv4(0, 0x1234, Ipv4.FLAG_DF, 64, Ipv4.PROTO_TCP, A4, B4, new byte[0], tcp).encode()
        : Ipv6.of(Ipv4.PROTO_TCP, A6, B6, tcp).encode();
    byte[] frame = k.bare() ? ip : Ethernet.untagged(MacAddress.GATEWAY, MacAddress.parse("02:00:00:00:00:0a"),
        k.ipVersion() == 4 ? Ethernet.ETHERTYPE_IPV4 : Ethernet.ETHERTYPE_IPV6, ip).encode();
    ByteBuffer in = ByteBuffer.allocateDirect(HEADROOM + frame.length).put(HEADROOM, frame);
    FrameView f = new FrameView();
    int parsed = k.bare() ? f.parseIp(in, HEADROOM, in.capacity()) : f.parseEthernet(in, HEADROOM, in.capacity());
    assertThat(parsed).isEqualTo(FrameView.OK);

    List<byte[]> segments = new ArrayList<>();
    int n = TcpSegmenter.segment(f, k.mss(), ByteBuffer.allocateDirect(HEADROOM + Pipeline.MAX_FRAME), HEADROOM,
        new FrameView(), s -> {
          byte[] b = new byte[s.end - s.start];
          s.buf.get(s.start, b);
          segments.add(b);
          s.buf.limit(s.start + 20); // as a send windows the buffer: the next segment must not care
        });

    assertThat(n).isEqualTo(segments.size()).isEqualTo(Math.max(1, (k.payload() + k.mss() - 1) / k.mss()));
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int ipId = 0x1234;
    for (int i = 0; i < segments.size(); i++) {
      ByteBuffer s = ByteBuffer.wrap(segments.get(i));
      if (!k.bare()) s = ByteBuffer.wrap(Ethernet.decode(s).orElseThrow().payload());
      byte[] l4;
      if (k.ipVersion() == 4) {
        Ipv4 d = Ipv4.decode(s).orElseThrow(); // verifies the header checksum and length
        assertThat(d.identification()).isEqualTo((ipId + i) & 0xffff);
        l4 = d.payload();
      } else {
        l4 = Ipv6.decode(s).orElseThrow().payload();
      }
      Tcp t = Tcp.decode(ByteBuffer.wrap(l4), src, dst).orElseThrow(); // verifies the checksum
      assertThat(t.payload().length).isLessThanOrEqualTo(k.mss());
      assertThat(t.sequence()).isEqualTo((seq + joined.size()) & 0xffff_ffffL);
      assertThat(t.options()).isEqualTo(options);
      boolean last = i == segments.size() - 1;
      assertThat(t.flags() & (Tcp.FIN | Tcp.PSH)).isEqualTo(last ? Tcp.FIN | Tcp.PSH : 0);
      assertThat(t.flags() & TcpSegmenter.TCP_CWR).isEqualTo(i == 0 ? TcpSegmenter.TCP_CWR : 0);
      assertThat(t.flags() & Tcp.ACK).isEqualTo(Tcp.ACK);
      joined.writeBytes(t.payload());
    }
    assertThat(joined.toByteArray()).isEqualTo(payload);
  }
}
