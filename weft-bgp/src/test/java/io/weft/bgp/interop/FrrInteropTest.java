package io.weft.bgp.interop;

import static io.weft.bgp.interop.PeerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.peer.BgpPeer;
import io.weft.bgp.peer.BgpSpeaker;
import io.weft.bgp.peer.PeerConfig;
import io.weft.bgp.peer.PeerEvent;
import io.weft.bgp.peer.SpeakerConfig;
import io.weft.bgp.session.GracefulRestartConfig;
import io.weft.bgp.session.SessionState;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.Family;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Weft against FRR bgpd: VPNv4 and EVPN routes with a non-loopback next hop (FRR treats
 * 127/8 as martian) and a session signed with TCP MD5 (FRR refuses unsigned SYNs for that neighbour).
 */
class FrrInteropTest {
  @Test
  void vpnEvpnAndMd5() throws Exception {
    PeerHarness.require(PeerHarness.BGPD, "frr");
    try (PeerHarness h = new PeerHarness("frr")) {
      h.startBgpd("""
          router bgp 65002
           bgp router-id 10.0.0.2
           no bgp ebgp-requires-policy
           no bgp default ipv4-unicast
           neighbor 127.0.0.1 remote-as 64512
           neighbor 127.0.0.1 passive
           neighbor 127.0.0.1 disable-connected-check
           neighbor 127.0.0.5 remote-as 64512
           neighbor 127.0.0.5 passive
           neighbor 127.0.0.5 disable-connected-check
           neighbor 127.0.0.5 password weft-md5-secret
           address-family ipv4 vpn
            neighbor 127.0.0.1 activate
            neighbor 127.0.0.5 activate
           exit-address-family
           address-family l2vpn evpn
            neighbor 127.0.0.1 activate
           exit-address-family
          """, "127.0.0.2", "17901");
      await("FRR vty", Duration.ofSeconds(15), () -> h.vtysh("show bgp summary").contains("127.0.0.1"));

      EventLog log = new EventLog();
      // FRR sends End-of-RIB only to a peer that advertises graceful restart.
      SpeakerConfig sc = new SpeakerConfig(64512, Addresses.parseV4("10.0.0.1"), null, GracefulRestartConfig.helper(60));
      try (BgpSpeaker weft = new BgpSpeaker(sc, log);
          BgpSpeaker signed = new BgpSpeaker(new SpeakerConfig(64512, Addresses.parseV4("10.0.0.5"), null, null), e -> { })) {
        BgpPeer peer = weft.addPeer(PeerConfig.of(Addresses.parse("127.0.0.2"), 17901, 65002,
            List.of(Family.IPV4_VPN, Family.EVPN)).withLocalAddress(Addresses.parse("127.0.0.1"))
            .withConnectRetry(Duration.ofSeconds(1)));
        BgpPeer md5 = signed.addPeer(PeerConfig.of(Addresses.parse("127.0.0.2"), 17901, 65002, List.of(Family.IPV4_VPN))
            .withLocalAddress(Addresses.parse("127.0.0.5")).withMd5Key("weft-md5-secret")
            .withConnectRetry(Duration.ofSeconds(1)));

        await("session with FRR", Duration.ofSeconds(20), () -> peer.state() == SessionState.ESTABLISHED);
        peer.advertise(GobgpInteropTest.vpnRoute(), GobgpInteropTest.evpnRoute());
        await("VPNv4 route in FRR", Duration.ofSeconds(10), () -> h.vtysh("show bgp ipv4 vpn").contains("10.1.1.10/32"));
        String vpn = h.vtysh("show bgp ipv4 vpn 10.1.1.10/32");
        assertThat(vpn).contains("192.0.2.10").contains("RT:64512:8000001").contains("1234");
        await("EVPN route in FRR", Duration.ofSeconds(10), () -> h.vtysh("show bgp l2vpn evpn").contains("02:00:00:00:00:0a"));
        assertThat(h.vtysh("show bgp l2vpn evpn")).contains("192.0.2.10");
        // FRR's own EoRs reached us.
        await("End-of-RIB from FRR", Duration.ofSeconds(10), () -> log.events.stream()
            .anyMatch(e -> e instanceof PeerEvent.EndOfRib eor && eor.family().equals(Family.IPV4_VPN)));

        await("MD5-signed session with FRR", Duration.ofSeconds(20), () -> md5.state() == SessionState.ESTABLISHED);
        assertThat(h.vtysh("show bgp neighbors 127.0.0.5")).contains("Established");


        peer.withdraw(GobgpInteropTest.vpnRoute().key(), GobgpInteropTest.evpnRoute().key());
        await("withdrawal in FRR", Duration.ofSeconds(10), () -> !h.vtysh("show bgp ipv4 vpn").contains("10.1.1.10/32")
            && !h.vtysh("show bgp l2vpn evpn").contains("02:00:00:00:00:0a"));
      }
    }
  }
}
