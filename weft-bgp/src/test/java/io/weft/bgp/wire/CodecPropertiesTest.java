package io.weft.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Seeded round trips of random UPDATEs per family, and the decoder's refusal to throw. */
class CodecPropertiesTest {
  static final WireOptions OPTS = WireOptions.DEFAULT;

  Arbitrary<InetAddress> v4() {
    return Arbitraries.bytes().array(byte[].class).ofSize(4).map(Addresses::of);
  }

  Arbitrary<InetAddress> v6() {
    return Arbitraries.bytes().array(byte[].class).ofSize(16).map(Addresses::of);
  }

  /** A prefix with zero host bits, as encoders send and the decoder gives back. */
  Arbitrary<IpPrefix> prefix(boolean v6) {
    int width = v6 ? 16 : 4;
    return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(width), Arbitraries.integers().between(0, width * 8))
        .as((b, len) -> {
          for (int i = 0; i < width; i++) {
            int keep = Math.max(0, Math.min(8, len - 8 * i));
            b[i] &= (byte) (0xff << (8 - keep));
          }
          return new IpPrefix(Addresses.of(b), len);
        });
  }

  Arbitrary<RouteDistinguisher> rd() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.longs().between(0, 0xffff), Arbitraries.longs().between(0, 0xffffffffL))
            .as((a, n) -> new RouteDistinguisher(0, a, n)),
        Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), Arbitraries.longs().between(0, 0xffff))
            .as((a, n) -> new RouteDistinguisher(1, a, n)),
        Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), Arbitraries.longs().between(0, 0xffff))
            .as((a, n) -> new RouteDistinguisher(2, a, n)));
  }

  Arbitrary<Nlri> nlri(Family f) {
    if (f.equals(Family.IPV6_UNICAST)) return prefix(true).map(p -> p);
    if (f.equals(Family.IPV4_VPN) || f.equals(Family.IPV6_VPN)) {
      return Combinators.combine(rd(), Arbitraries.integers().between(16, 0xfffff).list().ofMinSize(1).ofMaxSize(2),
          prefix(f.afi() == Family.AFI_IPV6)).as(VpnPrefix::new);
    }
    if (f.equals(Family.RT_CONSTRAINT)) {
      return Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), rt())
          .as((as, rt) -> (Nlri) RouteTargetMembership.of(as, rt));
    }
    Arbitrary<Esi> esi = Arbitraries.bytes().array(byte[].class).ofSize(10).map(b -> new Esi(Bytes.of(b)));
    Arbitrary<Long> tag = Arbitraries.longs().between(0, 0xffffffffL);
    Arbitrary<Integer> label = Arbitraries.integers().between(0, 0xffffff);
    return Arbitraries.oneOf(
        Combinators.combine(rd(), esi, tag, Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(MacAddress::new),
            Arbitraries.oneOf(v4(), v6()).injectNull(0.3), label.list().ofMinSize(1).ofMaxSize(2))
            .as((r, e, t, m, ip, l) -> new EvpnMacIpRoute(r, e, t, m, ip, l)),
        Combinators.combine(rd(), tag, Arbitraries.oneOf(v4(), v6())).as(EvpnInclusiveMulticastRoute::new),
        Combinators.combine(rd(), esi, tag, prefix(false), v4(), label).as(EvpnIpPrefixRoute::new));
  }

  Arbitrary<RouteTarget> rt() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.longs().between(0, 0xffff), Arbitraries.longs().between(0, 0xffffffffL))
            .as((g, l) -> new RouteTarget(RouteTarget.Kind.AS2, g, l)),
        Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL), Arbitraries.longs().between(0, 0xffff))
            .as((g, l) -> new RouteTarget(RouteTarget.Kind.IPV4, g, l)));
  }

  Arbitrary<ExtendedCommunity> extComm() {
    return Arbitraries.oneOf(rt().map(r -> r),
        Arbitraries.of(TunnelEncapsulation.VXLAN, TunnelEncapsulation.MPLS_IN_UDP, TunnelEncapsulation.MPLS_IN_GRE)
            .map(TunnelEncapsulation::new),
        Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(m -> new RouterMac(new MacAddress(m))),
        Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(0, 0xffffffffL)).as(MacMobility::new),
        Arbitraries.just(new DefaultGateway()),
        Arbitraries.longs().between(0, 0x00ff_ffff_ffff_ffffL).map(v -> new OpaqueExtendedCommunity((0x80L << 56) | v)));
  }

  @Provide
  Arbitrary<Update> updates() {
    Arbitrary<Family> family = Arbitraries.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST, Family.IPV4_VPN, Family.IPV6_VPN,
        Family.EVPN, Family.RT_CONSTRAINT);
    return family.flatMap(f -> {
      Arbitrary<List<Nlri>> nlri = (f.equals(Family.IPV4_UNICAST) ? prefix(false).map(p -> (Nlri) p) : nlri(f))
          .list().ofMinSize(1).ofMaxSize(8);
      Arbitrary<InetAddress> nh = f.afi() == Family.AFI_IPV6 ? v6() : v4();
      Arbitrary<List<PathAttribute>> extra = Combinators.combine(
          Arbitraries.longs().between(0, 0xffffffffL).map(MultiExitDisc::new).injectNull(0.5),
          extComm().list().ofMinSize(1).ofMaxSize(5).map(ExtendedCommunities::new).injectNull(0.3),
          Arbitraries.longs().between(0, 0xffffffffL).list().ofMinSize(1).ofMaxSize(4).map(Communities::new).injectNull(0.5),
          Arbitraries.longs().between(1, 0xffffffffL).list().ofMinSize(1).ofMaxSize(6)
              .map(l -> new AsPath(List.of(new AsPath.Segment(AsPath.AS_SEQUENCE, l)))))
          .as((m, e, c, p) -> {
            List<PathAttribute> l = new ArrayList<>();
            l.add(Origin.EGP);
            l.add(p);
            if (m != null) l.add(m);
            l.add(new LocalPref(100));
            if (c != null) l.add(c);
            if (e != null) l.add(e);
            return l;
          });
      return Combinators.combine(nlri, nh, extra, Arbitraries.of(true, false)).as((n, h, attrs, withdraw) -> {
        List<PathAttribute> l = new ArrayList<>(attrs);
        if (withdraw) return new Update(List.of(), List.of(new MpUnreachNlri(f, n)), List.of());
        l.add(new MpReachNlri(f, h, n));
        return new Update(List.of(), l, List.of());
      });
    });
  }

  @Property(tries = 300, seed = "20250101")
  void updatesRoundTrip(@ForAll("updates") Update u) {
    byte[] wire = MessageCodec.encode(u, OPTS);
    assertThat(MessageCodec.decode(wire, OPTS)).isEqualTo(new DecodeResult.Decoded(u));
    Update back = (Update) ((DecodeResult.Decoded) MessageCodec.decode(wire, OPTS)).message();
    assertThat(MessageCodec.encode(back, OPTS)).isEqualTo(wire);
  }

  @Property(tries = 2000, seed = "20250102")
  void randomBodiesNeverThrow(@ForAll @Size(max = 300) byte[] body, @ForAll("types") int type) {
    Frame f = new Frame(type, Bytes.of(body));
    assertThat(MessageCodec.decode(f, OPTS)).isNotNull();
    assertThat(MessageCodec.decode(f, new WireOptions(false, false))).isNotNull();
  }

  @Property(tries = 1000, seed = "20250103")
  void mutatedCapturesNeverThrow(@ForAll("captures") byte[] message, @ForAll int position, @ForAll byte value) {
    byte[] m = message.clone();
    m[Math.floorMod(position, m.length - 19) + 19] = value;
    assertThat(MessageCodec.decode(m, OPTS)).isNotNull();
  }

  @Provide
  Arbitrary<Integer> types() {
    return Arbitraries.integers().between(0, 6);
  }

  @Provide
  Arbitrary<byte[]> captures() {
    return Arbitraries.of(Vector.all("captured").stream().map(Vector::bytes).toList());
  }
}
