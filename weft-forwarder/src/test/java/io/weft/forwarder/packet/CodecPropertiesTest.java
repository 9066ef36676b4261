package io.weft.forwarder.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Seeded round trips (encode ∘ decode = identity on bytes) and "random bytes never throw". */
class CodecPropertiesTest {

  @Provide
  Arbitrary<byte[]> payloads() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
  }

  @Provide
  Arbitrary<Inet4Address> v4() {
    return Arbitraries.integers().map(i -> (Inet4Address) addr(ByteBuffer.allocate(4).putInt(0, i).array()));
  }

  @Provide
  Arbitrary<Inet6Address> v6() {
    return Arbitraries.bytes().array(byte[].class).ofSize(16).map(b -> Ipv6.address(b));
  }

  @Property(tries = 300)
  void ethernetRoundTrip(@ForAll long dst, @ForAll long src, @ForAll @IntRange(min = -1, max = 0xffff) int tci,
      @ForAll @IntRange(min = 0x600, max = 0xffff) int type, @ForAll("payloads") byte[] payload) {
    if (type == Ethernet.ETHERTYPE_VLAN) type = Ethernet.ETHERTYPE_IPV4;
    Ethernet e = new Ethernet(new MacAddress(dst & 0xffff_ffff_ffffL), new MacAddress(src & 0xffff_ffff_ffffL), tci, type, payload);
    assertThat(Ethernet.decode(ByteBuffer.wrap(e.encode())).orElseThrow()).isEqualTo(e);
  }

  @Property(tries = 300)
  void ipv4UdpTcpRoundTrip(@ForAll("v4") Inet4Address s, @ForAll("v4") Inet4Address d, @ForAll("payloads") byte[] payload,
      @ForAll @IntRange(min = 0, max = 10) int optionWords, @ForAll @IntRange(max = 0xffff) int sport,
      @ForAll @IntRange(max = 0xffff) int dport, @ForAll @IntRange(max = 0x3f) int flags) {
    byte[] udp = new Udp(sport, dport, payload).encode(s, d);
    assertThat(Udp.decode(ByteBuffer.wrap(udp), s, d).orElseThrow().encode(s, d)).isEqualTo(udp);
    byte[] tcp = new Tcp(sport, dport, 7, 9, flags, 1000, 0, new byte[optionWords * 4], payload).encode(s, d);
    assertThat(Tcp.decode(ByteBuffer.wrap(tcp), s, d).orElseThrow().encode(s, d)).isEqualTo(tcp);
    Ipv4 ip = new Ipv4(0, sport, Ipv4.FLAG_DF, 64, Ipv4.PROTO_TCP, s, d, new byte[optionWords * 4], tcp);
    byte[] wire = ip.encode();
    assertThat(Ipv4.decode(ByteBuffer.wrap(wire)).orElseThrow().encode()).isEqualTo(wire);
  }

  @Property(tries = 200)
  void ipv6Icmpv6RoundTrip(@ForAll("v6") Inet6Address s, @ForAll("v6") Inet6Address d, @ForAll("payloads") byte[] body) {
    byte[] icmp = new Icmpv6(Icmpv6.ECHO_REQUEST, 0, body).encode(s, d);
    assertThat(Icmpv6.decode(ByteBuffer.wrap(icmp), s, d).orElseThrow().encode(s, d)).isEqualTo(icmp);
    byte[] wire = Ipv6.of(Ipv4.PROTO_ICMPV6, s, d, icmp).encode();
    assertThat(Ipv6.decode(ByteBuffer.wrap(wire)).orElseThrow().encode()).isEqualTo(wire);
    byte[] udp = new Udp(1, 2, body).encode(s, d);
    assertThat(Udp.decode(ByteBuffer.wrap(udp), s, d).isOk()).isTrue();
  }

  @Property(tries = 200)
  void tunnelHeadersRoundTrip(@ForAll @Size(min = 1, max = 4) List<@IntRange(max = 0xfffff) Integer> labels,
      @ForAll @IntRange(max = 0xffffff) int vni, @ForAll("payloads") byte[] payload, @ForAll boolean key, @ForAll boolean csum) {
    List<Mpls.Entry> entries = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) entries.add(new Mpls.Entry(labels.get(i), i % 8, i == labels.size() - 1, 64));
    Mpls m = new Mpls(entries, payload);
    assertThat(Mpls.decode(ByteBuffer.wrap(m.encode())).orElseThrow()).isEqualTo(m);
    Vxlan v = new Vxlan(vni, payload);
    assertThat(Vxlan.decode(ByteBuffer.wrap(v.encode())).orElseThrow()).isEqualTo(v);
    Gre g = new Gre(Ethernet.ETHERTYPE_MPLS, csum, key ? OptionalLong.of(vni) : OptionalLong.empty(), OptionalLong.empty(), m.encode());
    assertThat(Gre.decode(ByteBuffer.wrap(g.encode())).orElseThrow().encode()).isEqualTo(g.encode());
  }

  @Property(tries = 200)
  void arpRoundTrip(@ForAll("v4") Inet4Address s, @ForAll("v4") Inet4Address t, @ForAll long mac) {
    Arp a = new Arp(Arp.REQUEST, new MacAddress(mac & 0xffff_ffff_ffffL), s, MacAddress.ZERO, t);
    assertThat(Arp.decode(ByteBuffer.wrap(a.encode())).orElseThrow()).isEqualTo(a);
    assertThat(a.replyWith(MacAddress.GATEWAY).targetProtocol()).isEqualTo(s);
  }

  /** RFC 1624: updating the checksum for a rewritten address equals recomputing it. */
  @Property(tries = 300)
  void incrementalChecksumMatchesRecompute(@ForAll("v4") Inet4Address s, @ForAll("v4") Inet4Address d,
      @ForAll("v4") Inet4Address natted, @ForAll("payloads") byte[] payload) {
    Ipv4 before = Ipv4.of(Ipv4.PROTO_UDP, s, d, payload);
    Ipv4 after = Ipv4.of(Ipv4.PROTO_UDP, natted, d, payload);
    ByteBuffer b = ByteBuffer.wrap(before.encode());
    int updated = Checksums.update32(b.getShort(10) & 0xffff, b.getInt(12), ByteBuffer.wrap(natted.getAddress()).getInt());
    assertThat(updated).isEqualTo(ByteBuffer.wrap(after.encode()).getShort(10) & 0xffff);
  }

  @Property(tries = 2000)
  void randomBytesNeverThrow(@ForAll @Size(max = 120) byte[] junk, @ForAll("v4") Inet4Address s, @ForAll("v6") Inet6Address s6) {
    ByteBuffer b = ByteBuffer.wrap(junk);
    Ethernet.decode(b.duplicate());
    Arp.decode(b.duplicate());
    Ipv4.decode(b.duplicate());
    Ipv6.decode(b.duplicate());
    Icmp.decode(b.duplicate());
    Icmpv6.decode(b.duplicate(), s6, s6);
    Udp.decode(b.duplicate(), s, s);
    Tcp.decode(b.duplicate(), s, s);
    Mpls.decode(b.duplicate());
    Vxlan.decode(b.duplicate());
    Gre.decode(b.duplicate());
    Icmpv6.decode(b.duplicate(), s6, s6);
    NeighborSolicitation.from(new Icmpv6(Icmpv6.NEIGHBOR_SOLICITATION, 0, junk));
    NeighborAdvertisement.from(new Icmpv6(Icmpv6.NEIGHBOR_ADVERTISEMENT, 0, junk));
    FrameView v = new FrameView();
    v.parseEthernet(b, 0, junk.length);
    v.parseIp(b, 0, junk.length);
  }

  static InetAddress addr(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
