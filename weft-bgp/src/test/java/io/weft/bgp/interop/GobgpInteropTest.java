package io.weft.bgp.interop;

import static io.weft.bgp.interop.PeerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.peer.BgpPeer;
import io.weft.bgp.peer.BgpSpeaker;
import io.weft.bgp.peer.PeerConfig;
import io.weft.bgp.peer.PeerEvent;
import io.weft.bgp.peer.Route;
import io.weft.bgp.peer.SpeakerConfig;
import io.weft.bgp.session.GracefulRestartConfig;
import io.weft.bgp.session.SessionState;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.EvpnMacIpRoute;
import io.weft.bgp.wire.Esi;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.MacAddress;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.TunnelEncapsulation;
import io.weft.bgp.wire.VpnPrefix;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Weft and gobgpd exchange VPNv4 and EVPN routes on 127.0.0.x: what Weft sends is read back
 * with the gobgp CLI; what gobgpd injects arrives decoded; withdrawals travel both ways.
 */
class GobgpInteropTest {
  static final String API = "127.0.0.3";
  static final String API_PORT = "50151";

  static String gobgp(String... args) {
    return PeerHarness.gobgp(API, API_PORT, args);
  }

  static final RouteDistinguisher RD = RouteDistinguisher.parse("192.0.2.10:5");
  static final RouteTarget RT = RouteTarget.parse("64512:8000001");

  static Route vpnRoute() {
    return new Route(Family.IPV4_VPN, new VpnPrefix(RD, 1234, IpPrefix.parse("10.1.1.10/32")),
        Addresses.parse("192.0.2.10"), List.of(Origin.IGP,
            new ExtendedCommunities(List.of(RT, new TunnelEncapsulation(TunnelEncapsulation.MPLS_IN_UDP)))));
  }

  static Route evpnRoute() {
    return new Route(Family.EVPN, new EvpnMacIpRoute(RD, Esi.ZERO, 0, MacAddress.parse("02:00:00:00:00:0a"),
        Addresses.parse("10.1.1.10"), List.of(5001)), Addresses.parse("192.0.2.10"),
        List.of(Origin.IGP, new ExtendedCommunities(List.of(RT, new TunnelEncapsulation(TunnelEncapsulation.VXLAN)))));
  }

  @Test
  void exchangesVpnAndEvpnRoutes() throws Exception {
    PeerHarness.require("/usr/bin/gobgpd", "gobgpd");
    try (PeerHarness h = new PeerHarness("gobgp")) {
      h.startGobgpd("""
          [global.config]
            as = 65001
            router-id = "10.0.0.3"
            port = 17911
            local-address-list = ["127.0.0.3"]
          [[neighbors]]
            [neighbors.config]
              neighbor-address = "127.0.0.1"
              peer-as = 64512
            [neighbors.transport.config]
              passive-mode = true
              local-address = "127.0.0.3"
            [neighbors.graceful-restart.config]
              enabled = true
              restart-time = 120
            [[neighbors.afi-safis]]
              [neighbors.afi-safis.config]
                afi-safi-name = "l3vpn-ipv4-unicast"
              [neighbors.afi-safis.mp-graceful-restart.config]
                enabled = true
            [[neighbors.afi-safis]]
              [neighbors.afi-safis.config]
                afi-safi-name = "l2vpn-evpn"
          """, API, API_PORT);
      await("gobgpd API", Duration.ofSeconds(15), () -> gobgp("neighbor").contains("127.0.0.1"));

      EventLog log = new EventLog();
      SpeakerConfig sc = new SpeakerConfig(64512, Addresses.parseV4("10.0.0.1"), null, GracefulRestartConfig.helper(60));
      try (BgpSpeaker speaker = new BgpSpeaker(sc, log)) {
        speaker.start();
        BgpPeer peer = speaker.addPeer(PeerConfig.of(Addresses.parse("127.0.0.3"), 17911, 65001,
            List.of(Family.IPV4_VPN, Family.EVPN)).withLocalAddress(Addresses.parse("127.0.0.1"))
            .withConnectRetry(Duration.ofSeconds(1)));
        await("session with gobgpd", Duration.ofSeconds(20), () -> peer.state() == SessionState.ESTABLISHED);
        assertThat(peer.negotiated().families()).containsExactlyInAnyOrder(Family.IPV4_VPN, Family.EVPN);
        assertThat(peer.negotiated().gracefulRestart()).isTrue();
        assertThat(peer.negotiated().peerGracefulRestart().orElseThrow().restartTime()).isEqualTo(120);

        // Weft → gobgpd
        peer.advertise(vpnRoute(), evpnRoute());
        await("VPNv4 route in gobgpd", Duration.ofSeconds(10),
            () -> gobgp("global", "rib", "-a", "vpnv4").contains("192.0.2.10:5:10.1.1.10/32"));
        String vpn = gobgp("global", "rib", "-a", "vpnv4");
        assertThat(vpn).contains("[1234]").contains("192.0.2.10   ").contains("64512:8000001");
        await("EVPN route in gobgpd", Duration.ofSeconds(10),
            () -> gobgp("global", "rib", "-a", "evpn").contains("[mac:02:00:00:00:00:0a][ip:10.1.1.10]"));
        String evpn = gobgp("global", "rib", "-a", "evpn");
        assertThat(evpn).contains("[rd:192.0.2.10:5]").contains("[5001]").contains("64512:8000001")
            .contains("VXLAN").contains("192.0.2.10");

        // gobgpd → Weft
        assertThat(gobgp("global", "rib", "-a", "vpnv4", "add", "0.0.0.0/0", "label", "300", "rd", "65001:1", "rt",
            "64512:8000001", "nexthop", "192.0.2.3")).doesNotContain("rror");
        VpnPrefix injected = new VpnPrefix(RouteDistinguisher.parse("65001:1"), 300, IpPrefix.parse("0.0.0.0/0"));
        await("route from gobgpd", Duration.ofSeconds(10), () -> log.received().stream().anyMatch(r -> r.nlri().equals(injected)));
        Route got = log.received().stream().filter(r -> r.nlri().equals(injected)).findFirst().orElseThrow();
        assertThat(got.nextHop()).isEqualTo(Addresses.parse("192.0.2.3"));
        assertThat(got.routeTargets()).containsExactly(RT);
        assertThat(log.events).anyMatch(e -> e instanceof PeerEvent.EndOfRib eor && eor.family().equals(Family.IPV4_VPN));

        gobgp("global", "rib", "-a", "vpnv4", "del", "0.0.0.0/0", "label", "300", "rd", "65001:1");
        await("withdrawal from gobgpd", Duration.ofSeconds(10), () -> log.withdrawn().stream()
            .anyMatch(w -> w.nlri() instanceof VpnPrefix p && p.rd().equals(injected.rd()) && p.prefix().equals(injected.prefix())));

        // Weft withdraws
        peer.withdraw(new FamilyNlri(Family.IPV4_VPN, vpnRoute().nlri()), new FamilyNlri(Family.EVPN, evpnRoute().nlri()));
        await("withdrawal in gobgpd", Duration.ofSeconds(10),
            () -> !gobgp("global", "rib", "-a", "vpnv4").contains("192.0.2.10:5:10.1.1.10/32")
                && !gobgp("global", "rib", "-a", "evpn").contains("02:00:00:00:00:0a"));
      }
    }
  }
}
