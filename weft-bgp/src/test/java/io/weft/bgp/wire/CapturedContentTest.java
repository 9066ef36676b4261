package io.weft.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The captured messages decode to the records the peers were told to send (see src/test/capture/capture.sh). */
class CapturedContentTest {
  private static Update update(String name) {
    DecodeResult r = MessageCodec.decode(Vector.named("captured", name).bytes(), CapturedVectorsTest.EBGP);
    return (Update) ((DecodeResult.Decoded) r).message();
  }

  private static Open open(String name) {
    return (Open) ((DecodeResult.Decoded) MessageCodec.decode(Vector.named("captured", name).bytes(),
        WireOptions.DEFAULT)).message();
  }

  @Test
  void gobgpdVpnv4Route() {
    Update u = update("gobgpd-to-bird-update-ipv4-vpn-reach");
    MpReachNlri r = u.attribute(MpReachNlri.class).orElseThrow();
    assertThat(r.family()).isEqualTo(Family.IPV4_VPN);
    assertThat(r.nextHop()).isEqualTo(Addresses.parse("192.0.2.3"));
    assertThat(r.nlri()).containsExactly(
        new VpnPrefix(RouteDistinguisher.parse("65001:100"), 200, IpPrefix.parse("10.2.0.0/24")));
    assertThat(u.attribute(ExtendedCommunities.class).orElseThrow().routeTargets())
        .containsExactly(RouteTarget.parse("65001:100"));
    assertThat(u.attribute(AsPath.class).orElseThrow()).isEqualTo(AsPath.sequence(65001));
  }

  @Test
  void gobgpdEvpnRoutes() {
    Update mac = update("gobgpd-to-frr-update-evpn-reach");
    assertThat(mac.attribute(MpReachNlri.class).orElseThrow().nlri()).containsExactly(new EvpnMacIpRoute(
        RouteDistinguisher.parse("65001:200"), Esi.ZERO, 0, MacAddress.parse("aa:bb:cc:00:00:01"),
        Addresses.parse("10.2.0.5"), List.of(5001)));
    assertThat(mac.attribute(ExtendedCommunities.class).orElseThrow().communities())
        .containsExactly(RouteTarget.parse("65001:200"), new TunnelEncapsulation(TunnelEncapsulation.VXLAN));

    List<Nlri> all = new java.util.ArrayList<>();
    for (String n : List.of("gobgpd-to-frr-update-evpn-reach-2", "gobgpd-to-frr-update-evpn-reach-3")) {
      all.addAll(update(n).attribute(MpReachNlri.class).orElseThrow().nlri());
    }
    assertThat(all).contains(new EvpnInclusiveMulticastRoute(RouteDistinguisher.parse("65001:200"), 0,
        Addresses.parse("192.0.2.3")));
    assertThat(all).contains(new EvpnIpPrefixRoute(RouteDistinguisher.parse("65001:300"), Esi.ZERO, 0,
        IpPrefix.parse("10.9.0.0/24"), Addresses.parse("0.0.0.0"), 5002));
  }

  @Test
  void gobgpdInclusiveMulticastWithPmsiTunnel() {
    Update u = update("gobgpd-to-gobgpd-update-evpn-imet-pmsi");
    assertThat(u.attribute(MpReachNlri.class).orElseThrow().nlri()).containsExactly(new EvpnInclusiveMulticastRoute(
        RouteDistinguisher.parse("65001:200"), 0, Addresses.parse("192.0.2.3")));
    // gobgpd writes the VNI as the whole 24-bit label field (RFC 8365 §5.1.3): 00 13 89 = 5001.
    PmsiTunnel t = u.attribute(PmsiTunnel.class).orElseThrow();
    assertThat(t).isEqualTo(PmsiTunnel.ingressReplication(5001, Addresses.parse("192.0.2.3")));
    assertThat(t.tunnelEndpoint()).isEqualTo(Addresses.parse("192.0.2.3"));
  }

  @Test
  void gobgpdRouteTargetMembership() {
    RouteTargetMembership m = RouteTargetMembership.of(65001, RouteTarget.parse("65001:71"));
    Update reach = update("gobgpd-to-gobgpd-update-rt-constraint-reach");
    assertThat(reach.attribute(MpReachNlri.class).orElseThrow().family()).isEqualTo(Family.RT_CONSTRAINT);
    assertThat(reach.attribute(MpReachNlri.class).orElseThrow().nlri()).containsExactly(m);
    assertThat(update("gobgpd-to-gobgpd-update-rt-constraint-unreach").allWithdrawn())
        .containsExactly(new FamilyNlri(Family.RT_CONSTRAINT, m));
  }

  @Test
  void gobgpdVpnv4Withdrawal() {
    Update u = update("gobgpd-to-bird-update-ipv4-vpn-unreach");
    assertThat(u.allWithdrawn()).containsExactly(new FamilyNlri(Family.IPV4_VPN,
        new VpnPrefix(RouteDistinguisher.parse("65001:100"), 200, IpPrefix.parse("10.2.0.0/24"))));
  }

  @Test
  void frrWithdrawalUsesLabelZero() {
    Update u = update("frr-to-gobgpd-update-ipv4-vpn-unreach");
    assertThat(u.allWithdrawn()).containsExactly(new FamilyNlri(Family.IPV4_VPN,
        new VpnPrefix(RouteDistinguisher.parse("65001:100"), 0, IpPrefix.parse("10.2.0.0/24"))));
  }

  @Test
  void birdVpn4Route() {
    Update u = update("bird-to-gobgpd-update-ipv4-vpn-reach");
    MpReachNlri r = u.attribute(MpReachNlri.class).orElseThrow();
    assertThat(r.nextHop()).isEqualTo(Addresses.parse("127.0.0.4"));
    VpnPrefix p = (VpnPrefix) r.nlri().getFirst();
    assertThat(p.rd()).isEqualTo(RouteDistinguisher.parse("65003:1"));
    assertThat(p.prefix()).isEqualTo(IpPrefix.parse("10.4.0.0/24"));
    assertThat(update("bird-to-gobgpd-update-ipv4-vpn-eor").endOfRibFamily()).contains(Family.IPV4_VPN);
    assertThat(update("bird-to-gobgpd-update-ipv6-vpn-eor").endOfRibFamily()).contains(Family.IPV6_VPN);
  }

  @Test
  void opensCarryTheirCapabilities() {
    Open g = open("gobgpd-to-frr-open");
    assertThat(g.effectiveAs()).isEqualTo(65001);
    assertThat(g.multiprotocolFamilies()).containsExactly(Family.IPV4_VPN, Family.EVPN);
    assertThat(g.capability(GracefulRestartCapability.class).orElseThrow().restartTime()).isEqualTo(120);
    assertThat(g.capability(ExtendedNextHopCapability.class)).isPresent();
    Open f = open("frr-to-gobgpd-open");
    assertThat(f.holdTime()).isEqualTo(180);
    assertThat(f.capability(RouteRefreshCapability.class)).isPresent();
    assertThat(f.capabilities()).anyMatch(c -> c instanceof UnknownCapability u && u.code() == 69); // add-path
    Open b = open("bird-to-gobgpd-open");
    assertThat(b.effectiveAs()).isEqualTo(65003);
    assertThat(b.multiprotocolFamilies()).containsExactly(Family.IPV4_VPN, Family.IPV6_VPN);
  }
}
