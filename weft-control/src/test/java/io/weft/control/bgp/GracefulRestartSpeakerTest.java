package io.weft.control.bgp;

import io.weft.bgp.interop.PeerHarness;
import static io.weft.control.bgp.BgpTestKit.WAIT;
import static io.weft.control.bgp.BgpTestKit.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.control.config.Vrfs;
import io.weft.control.ControlNode;
import io.weft.control.rib.InstanceView;
import io.weft.control.sim.SimAgent;
import io.weft.xmpp.session.ChannelConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Graceful restart with Weft as the restarting speaker (RFC 4724 §4.1) and gobgpd as helper:
 * the control node stops without NOTIFICATION, gobgpd keeps its routes stale; the restarted
 * node holds its End-of-RIB while agents re-publish, so gobgpd still has the routes after the
 * session is back; at End-of-RIB gobgpd sweeps what was not re-advertised. gobgpd on
 * 127.0.0.6:17963 (API 127.0.0.6:50163), Weft on 127.0.0.23:17953.
 */
class GracefulRestartSpeakerTest {
  static String gobgp(String... args) {
    return PeerHarness.gobgp("127.0.0.6", "50163", args);
  }

  @Test
  void helperKeepsOurRoutesUntilOurDelayedEndOfRib() throws Exception {
    PeerHarness.require("/usr/bin/gobgpd", "gobgpd");
    try (PeerHarness d = new PeerHarness("gr-speaker"); BgpTestKit.Config config = new BgpTestKit.Config()) {
      d.startGobgpd("""
          [global.config]
            as = 65001
            router-id = "10.0.0.6"
            port = 17963
            local-address-list = ["127.0.0.6"]
          [[neighbors]]
            [neighbors.config]
              neighbor-address = "127.0.0.23"
              peer-as = 64512
            [neighbors.transport.config]
              passive-mode = true
              local-address = "127.0.0.6"
            [neighbors.graceful-restart.config]
              enabled = true
              restart-time = 60
            [[neighbors.afi-safis]]
              [neighbors.afi-safis.config]
                afi-safi-name = "l3vpn-ipv4-unicast"
              [neighbors.afi-safis.mp-graceful-restart.config]
                enabled = true
          """, "127.0.0.6", "50163");
      config.create("/api/v1/projects", "{apiVersion: weft/v1, kind: Project, metadata: {name: grs}, spec: {}}");
      config.create("/api/v1/projects/grs/virtualnetworks",
          "{apiVersion: weft/v1, kind: VirtualNetwork, metadata: {name: pub, project: grs}, spec: {subnets: [{cidr: 10.1.1.0/24}]}}");
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: gobgp}, spec: "
          + "{address: 127.0.0.6, asn: 65001, port: 17963, routerType: router, families: [inet-vpn]}}");
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: cn1}, spec: "
          + "{address: 127.0.0.23, asn: 64512, port: 17953, routerType: control-node, families: [inet-vpn], peers: [gobgp]}}");
      String vrf = Vrfs.name("grs", "pub");
      String kept = "192.0.2.11:1:10.1.1.3/32";
      String gone = "192.0.2.11:1:10.1.1.4/32";
      List<SimAgent.Port> both = List.of(new SimAgent.Port(vrf, "10.1.1.3/32", 17), new SimAgent.Port(vrf, "10.1.1.4/32", 18));

      ControlNode before = start(config, BgpService.Settings.of("cn1", null).withConnectRetry(Duration.ofSeconds(1)), vrf);
      try (SimAgent agent = agent(before, both)) {
        within(WAIT, () -> assertThat(gobgp("global", "rib", "-a", "vpnv4")).contains(kept).contains(gone));
        before.bgp().closeForRestart(); // no NOTIFICATION: a restart, not a shutdown
      } finally {
        before.close();
      }
      within(WAIT, () -> assertThat(gobgp("neighbor")).doesNotContain("Establ"));
      assertThat(gobgp("global", "rib", "-a", "vpnv4")).as("gobgpd keeps our routes stale").contains(kept).contains(gone);

      Duration hold = Duration.ofSeconds(8);
      long up = System.nanoTime(); // the hold starts with the speaker
      try (ControlNode after = start(config, BgpService.Settings.of("cn1", null).withConnectRetry(Duration.ofSeconds(1))
          .restartingWithEndOfRibDelay(hold), vrf)) {
        within(WAIT, () -> assertThat(after.bgp().status()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("ESTABLISHED")));
        Thread.sleep(2000);
        assertThat(Duration.ofNanos(System.nanoTime() - up)).isLessThan(hold);
        assertThat(gobgp("global", "rib", "-a", "vpnv4")).as("no End-of-RIB yet: routes still there").contains(kept).contains(gone);
        // One port comes back; the other does not, and goes at our End-of-RIB.
        try (SimAgent agent = agent(after, List.of(both.getFirst()))) {
          within(WAIT, () -> assertThat(gobgp("global", "rib", "-a", "vpnv4")).contains(kept).doesNotContain(gone));
          assertThat(Duration.ofNanos(System.nanoTime() - up)).as("swept only at the delayed End-of-RIB").isGreaterThan(hold);
          assertThat(gobgp("global", "rib", "-a", "vpnv4")).contains("[17]");
        }
      }
    }
  }

  private static ControlNode start(BgpTestKit.Config config, BgpService.Settings bgp, String vrf) throws Exception {
    ControlNode cn = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, -1), bgp);
    within(WAIT, () -> assertThat(cn.rib().instances()).filteredOn(i -> i.name().equals(vrf))
        .allMatch(InstanceView::configured).hasSize(1));
    return cn;
  }

  private static SimAgent agent(ControlNode cn, List<SimAgent.Port> ports) throws Exception {
    SimAgent a = new SimAgent("host-1", "192.0.2.11", ports, List.of(new InetSocketAddress("127.0.0.1", cn.xmppPort())),
        ChannelConfig.DEFAULT, false, Duration.ofSeconds(1));
    a.start();
    return a;
  }
}
