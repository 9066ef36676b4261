package io.weft.forwarder.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames captured with tshark between two namespaces decode, verify, and re-encode to the same bytes. */
class CapturedFrameTest {

  @ParameterizedTest
  @ValueSource(strings = {"arp-request.hex", "arp-reply.hex", "ipv4-udp.hex", "ipv4-tcp-syn.hex", "ipv4-tcp-rst-ack.hex",
      "ipv4-icmp-echo-request.hex", "ipv4-options-icmp-echo.hex", "ipv4-icmp-port-unreachable.hex", "ipv6-udp.hex",
      "ipv6-icmpv6-neighbor-solicitation.hex", "ipv6-icmpv6-neighbor-advertisement.hex", "ipv6-icmpv6-echo-reply.hex",
      "vlan-ipv4-udp.hex"})
  void decodesAndReencodesExactly(String vector) {
    byte[] frame = HexVectors.load(vector);
    Ethernet eth = Ethernet.decode(ByteBuffer.wrap(frame)).orElseThrow();
    assertThat(eth.encode()).isEqualTo(frame);
    FrameView view = new FrameView();
    assertThat(view.parseEthernet(ByteBuffer.wrap(frame), 0, frame.length)).isEqualTo(FrameView.OK);
    byte[] l3 = eth.payload();
    switch (eth.etherType()) {
      case Ethernet.ETHERTYPE_ARP -> {
        Arp arp = Arp.decode(ByteBuffer.wrap(l3)).orElseThrow();
        assertThat(arp.senderProtocol().getHostAddress()).startsWith("10.99.0.");
        assertThat(arp.encode()).isEqualTo(java.util.Arrays.copyOf(l3, Arp.LENGTH));
      }
      case Ethernet.ETHERTYPE_IPV4 -> {
        Ipv4 ip = Ipv4.decode(ByteBuffer.wrap(l3)).orElseThrow();
        assertThat(ip.encode()).isEqualTo(java.util.Arrays.copyOf(l3, ip.headerLength() + ip.payload().length));
        assertThat(view.srcLo & 0xffff_ffffL).isEqualTo(ByteBuffer.wrap(ip.source().getAddress()).getInt() & 0xffff_ffffL);
        checkL4(ip.protocol(), ip.payload(), ip.source(), ip.destination(), view);
      }
      case Ethernet.ETHERTYPE_IPV6 -> {
        Ipv6 ip = Ipv6.decode(ByteBuffer.wrap(l3)).orElseThrow();
        assertThat(ip.encode()).isEqualTo(l3);
        checkL4(ip.nextHeader(), ip.payload(), ip.source(), ip.destination(), view);
        if (ip.nextHeader() == Ipv4.PROTO_ICMPV6) {
          Icmpv6 m = Icmpv6.decode(ByteBuffer.wrap(ip.payload()), ip.source(), ip.destination()).orElseThrow();
          if (m.type() == Icmpv6.NEIGHBOR_SOLICITATION) {
            NeighborSolicitation ns = NeighborSolicitation.from(m).orElseThrow();
            assertThat(ns.target().getHostAddress()).isEqualTo("fd00:99:0:0:0:0:0:2");
            assertThat(ns.sourceLinkLayer()).contains(MacAddress.parse("02:00:00:00:00:0a"));
            assertThat(ns.toIcmpv6().encode(ip.source(), ip.destination())).isEqualTo(ip.payload());
          }
          if (m.type() == Icmpv6.NEIGHBOR_ADVERTISEMENT) {
            NeighborAdvertisement na = NeighborAdvertisement.from(m).orElseThrow();
            assertThat(na.solicited()).isTrue();
            assertThat(na.override()).isTrue();
            assertThat(na.targetLinkLayer()).contains(MacAddress.parse("02:00:00:00:00:0b"));
            assertThat(na.toIcmpv6().encode(ip.source(), ip.destination())).isEqualTo(ip.payload());
          }
        }
      }
      default -> throw new AssertionError("unexpected EtherType " + eth.etherType());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ipv4-udp-offload-partial-checksum.hex", "ipv4-tcp-syn-offload-partial-checksum.hex",
      "ipv6-udp-offload-partial-checksum.hex"})
  void offloadPartialChecksumIsReportedWithItsOffset(String vector) {
    byte[] frame = HexVectors.load(vector);
    Ethernet eth = Ethernet.decode(ByteBuffer.wrap(frame)).orElseThrow();
    InetAddress src;
    InetAddress dst;
    int proto;
    byte[] l4;
    if (eth.etherType() == Ethernet.ETHERTYPE_IPV4) {
      Ipv4 ip = Ipv4.decode(ByteBuffer.wrap(eth.payload())).orElseThrow();
      src = ip.source();
      dst = ip.destination();
      proto = ip.protocol();
      l4 = ip.payload();
    } else {
      Ipv6 ip = Ipv6.decode(ByteBuffer.wrap(eth.payload())).orElseThrow();
      src = ip.source();
      dst = ip.destination();
      proto = ip.nextHeader();
      l4 = ip.payload();
    }
    Decoded<?> d = proto == Ipv4.PROTO_UDP ? Udp.decode(ByteBuffer.wrap(l4), src, dst) : Tcp.decode(ByteBuffer.wrap(l4), src, dst);
    assertThat(d).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
      assertThat(m.field()).isEqualTo("checksum");
      assertThat(m.offset()).isEqualTo(proto == Ipv4.PROTO_UDP ? 6 : 16);
    });
    // The forwarder's hot path does not verify L4 checksums, so such frames still forward.
    assertThat(new FrameView().parseEthernet(ByteBuffer.wrap(frame), 0, frame.length)).isEqualTo(FrameView.OK);
  }

  private static void checkL4(int proto, byte[] l4, InetAddress src, InetAddress dst, FrameView view) {
    assertThat(view.protocol).isEqualTo(proto);
    switch (proto) {
      case Ipv4.PROTO_UDP -> {
        Udp u = Udp.decode(ByteBuffer.wrap(l4), src, dst).orElseThrow();
        assertThat(u.encode(src, dst)).isEqualTo(l4);
        assertThat(view.dstPort).isEqualTo(u.destinationPort());
      }
      case Ipv4.PROTO_TCP -> {
        Tcp t = Tcp.decode(ByteBuffer.wrap(l4), src, dst).orElseThrow();
        assertThat(t.encode(src, dst)).isEqualTo(l4);
        assertThat(view.tcpFlags).isEqualTo(t.flags() & 0x3f);
      }
      case Ipv4.PROTO_ICMP -> {
        Icmp i = Icmp.decode(ByteBuffer.wrap(l4)).orElseThrow();
        assertThat(i.encode()).isEqualTo(l4);
        assertThat(src).isInstanceOf(Inet4Address.class);
      }
      case Ipv4.PROTO_ICMPV6 -> assertThat(src).isInstanceOf(Inet6Address.class);
      default -> throw new AssertionError(proto);
    }
  }
}
