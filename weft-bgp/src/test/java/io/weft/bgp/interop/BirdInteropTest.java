package io.weft.bgp.interop;

import static io.weft.bgp.interop.PeerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.peer.BgpPeer;
import io.weft.bgp.peer.BgpSpeaker;
import io.weft.bgp.peer.PeerConfig;
import io.weft.bgp.peer.Route;
import io.weft.bgp.peer.SpeakerConfig;
import io.weft.bgp.session.SessionState;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.VpnPrefix;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weft against BIRD 2.0.12 with VPNv4 and VPNv6 (BIRD 2.0.12 has no EVPN). */
class BirdInteropTest {

  @Test
  void vpnRoutesBothWays() throws Exception {
    PeerHarness.require(PeerHarness.BIRD, "bird2");
    try (PeerHarness h = new PeerHarness("bird")) {
      h.startBird("""
          router id 10.0.0.4;
          protocol device {}
          vpn4 table vpntab4;
          vpn6 table vpntab6;
          protocol static s4 { vpn4 { table vpntab4; }; route 65003:1 10.4.0.0/24 via 192.0.2.4 mpls 300; }
          protocol bgp weft {
            local 127.0.0.4 port 17921 as 65003;
            neighbor 127.0.0.1 as 64512;
            multihop;
            passive on;
            vpn4 mpls { table vpntab4; import all; export all; };
            vpn6 mpls { table vpntab6; import all; export all; };
          }
          protocol bgp wrongas {
            local 127.0.0.4 port 17921 as 65003;
            neighbor 127.0.0.6 as 64512;
            multihop;
            passive on;
            vpn4 mpls { table vpntab4; import all; export none; };
          }
          """);
      
      EventLog log = new EventLog();
      try (BgpSpeaker weft = new BgpSpeaker(new SpeakerConfig(64512, Addresses.parseV4("10.0.0.1"), null, null), log)) {
        BgpPeer peer = weft.addPeer(PeerConfig.of(Addresses.parse("127.0.0.4"), 17921, 65003,
            List.of(Family.IPV4_VPN, Family.IPV6_VPN)).withLocalAddress(Addresses.parse("127.0.0.1"))
            .withConnectRetry(Duration.ofSeconds(1)));
        await("session with BIRD", Duration.ofSeconds(20), () -> peer.state() == SessionState.ESTABLISHED);
        assertThat(peer.negotiated().families()).containsExactlyInAnyOrder(Family.IPV4_VPN, Family.IPV6_VPN);

        VpnPrefix birds = new VpnPrefix(RouteDistinguisher.parse("65003:1"), List.of(300), IpPrefix.parse("10.4.0.0/24"));
        await("BIRD's VPNv4 route", Duration.ofSeconds(10), () -> log.received().stream()
            .anyMatch(r -> r.nlri() instanceof VpnPrefix p && p.rd().equals(birds.rd()) && p.prefix().equals(birds.prefix())));
        Route got = log.received().stream().filter(r -> r.nlri() instanceof VpnPrefix p && p.rd().equals(birds.rd()))
            .findFirst().orElseThrow();
        assertThat(got.nextHop()).isEqualTo(Addresses.parse("127.0.0.4"));

        peer.advertise(GobgpInteropTest.vpnRoute());
        await("VPNv4 route in BIRD", Duration.ofSeconds(10),
            () -> h.birdc("show", "route", "table", "vpntab4", "all").contains("10.1.1.10/32"));
        String shown = h.birdc("show", "route", "table", "vpntab4", "all");
        assertThat(shown).contains("192.0.2.10:5").contains("(rt, 64512, 8000001)");

        // Weft expects AS 65099 but BIRD is 65003: BIRD's OPEN must be answered with 2/2 Bad Peer AS.
        try (BgpSpeaker strict = new BgpSpeaker(new SpeakerConfig(64512, Addresses.parseV4("10.0.0.6"), null, null), e -> { })) {
          BgpPeer bad = strict.addPeer(PeerConfig.of(Addresses.parse("127.0.0.4"), 17921, 65099, List.of(Family.IPV4_VPN))
              .withLocalAddress(Addresses.parse("127.0.0.6")).withConnectRetry(Duration.ofSeconds(30)));
          await("BIRD records Weft's NOTIFICATION", Duration.ofSeconds(15),
              () -> h.birdc("show", "protocols", "all", "wrongas").contains("Bad peer AS"));
          assertThat(bad.state()).isNotEqualTo(SessionState.ESTABLISHED);
        }

        peer.withdraw(GobgpInteropTest.vpnRoute().key());
        await("withdrawal in BIRD", Duration.ofSeconds(10),
            () -> !h.birdc("show", "route", "table", "vpntab4").contains("10.1.1.10/32"));
      }
    }
  }
}
