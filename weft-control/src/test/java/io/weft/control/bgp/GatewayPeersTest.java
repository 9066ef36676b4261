package io.weft.control.bgp;

import io.weft.bgp.interop.PeerHarness;
import static io.weft.control.bgp.BgpTestKit.WAIT;
import static io.weft.control.bgp.BgpTestKit.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.control.ControlNode;
import io.weft.control.config.Vrfs;
import io.weft.control.rib.InstanceView;
import io.weft.control.sim.SimAgent;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.session.ChannelConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A control node configured by BgpRouter resources peers with real gobgpd, FRR bgpd and BIRD
 * on 127.0.0.x: agent routes go out as VPNv4 / EVPN with RD = underlay:instance-id, the
 * network's route target, the port's label or VNI and the underlay next hop (192.0.2.x, which
 * FRR accepts); a default route injected into gobgpd with the network's target reaches the
 * agent; withdrawals travel both ways; a peer removed from config goes away; gobgpd killed
 * leaves its route stale until its restart time ends (graceful-restart helper).
 */
class GatewayPeersTest {
  static final String GOBGP_HOST = "127.0.0.3";
  static final String GOBGP_PORT = "50161";

  static String gobgp(String... args) {
    return PeerHarness.gobgp(GOBGP_HOST, GOBGP_PORT, args);
  }

  @Test
  void vpnAndEvpnWithGobgpFrrAndBird() throws Exception {
    PeerHarness.require("/usr/bin/gobgpd", "gobgpd");
    PeerHarness.require(PeerHarness.BGPD, "frr");
    PeerHarness.require(PeerHarness.BIRD, "bird2");
    try (PeerHarness d = new PeerHarness("gw"); BgpTestKit.Config config = new BgpTestKit.Config()) {
      Process gobgpd = d.startGobgpd("""
          [global.config]
            as = 65001
            router-id = "10.0.0.3"
            port = 17961
            local-address-list = ["127.0.0.3"]
          [[neighbors]]
            [neighbors.config]
              neighbor-address = "127.0.0.21"
              peer-as = 64512
            [neighbors.transport.config]
              passive-mode = true
              local-address = "127.0.0.3"
            [neighbors.graceful-restart.config]
              enabled = true
              restart-time = 4
            [[neighbors.afi-safis]]
              [neighbors.afi-safis.config]
                afi-safi-name = "l3vpn-ipv4-unicast"
              [neighbors.afi-safis.mp-graceful-restart.config]
                enabled = true
            [[neighbors.afi-safis]]
              [neighbors.afi-safis.config]
                afi-safi-name = "l2vpn-evpn"
              [neighbors.afi-safis.mp-graceful-restart.config]
                enabled = true
          """, GOBGP_HOST, GOBGP_PORT);
      d.startBgpd("""
          router bgp 65002
           bgp router-id 10.0.0.2
           no bgp ebgp-requires-policy
           no bgp default ipv4-unicast
           neighbor 127.0.0.21 remote-as 64512
           neighbor 127.0.0.21 passive
           neighbor 127.0.0.21 disable-connected-check
           address-family ipv4 vpn
            neighbor 127.0.0.21 activate
           exit-address-family
           address-family l2vpn evpn
            neighbor 127.0.0.21 activate
           exit-address-family
          """, "127.0.0.2", "17971");
      d.startBird("""
          router id 10.0.0.4;
          protocol device {}
          vpn4 table vpntab4;
          vpn6 table vpntab6;
          protocol bgp weft {
            local 127.0.0.4 port 17981 as 65003;
            neighbor 127.0.0.21 as 64512;
            multihop;
            passive on;
            vpn4 mpls { table vpntab4; import all; export all; };
            vpn6 mpls { table vpntab6; import all; export all; };
          }
          """);

      config.create("/api/v1/projects", "{apiVersion: weft/v1, kind: Project, metadata: {name: gw}, spec: {}}");
      config.create("/api/v1/projects/gw/virtualnetworks",
          "{apiVersion: weft/v1, kind: VirtualNetwork, metadata: {name: pub, project: gw}, spec: {subnets: [{cidr: 10.1.1.0/24}]}}");
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: gobgp}, spec: "
          + "{address: 127.0.0.3, asn: 65001, port: 17961, routerType: router, families: [inet-vpn, e-vpn]}}");
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: frr}, spec: "
          + "{address: 127.0.0.2, asn: 65002, port: 17971, routerType: router, families: [inet-vpn, e-vpn]}}");
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: bird}, spec: "
          + "{address: 127.0.0.4, asn: 65003, port: 17981, routerType: router, families: [inet-vpn, inet6-vpn]}}");
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: cn1}, spec: "
          + "{address: 127.0.0.21, asn: 64512, port: 17951, routerType: control-node, families: [inet-vpn, inet6-vpn, e-vpn],"
          + " peers: [gobgp, frr, bird]}}");

      String vrf = Vrfs.name("gw", "pub");
      try (ControlNode cn = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, 0),
          BgpService.Settings.of("cn1", null).withConnectRetry(Duration.ofSeconds(1)))) {
        within(WAIT, () -> assertThat(cn.rib().instances()).filteredOn(i -> i.name().equals(vrf))
            .allMatch(InstanceView::configured).hasSize(1));
        String rt = cn.rib().instances().stream().filter(i -> i.name().equals(vrf)).findFirst().orElseThrow()
            .exportTargets().getFirst().replace("target:", "");
        within(WAIT, () -> assertThat(cn.bgp().status()).hasSize(3).allMatch(s -> s.state().equals("ESTABLISHED")));

        InetSocketAddress xmpp = new InetSocketAddress("127.0.0.1", cn.xmppPort());
        SimAgent.Port port = new SimAgent.Port(vrf, "10.1.1.3/32", 17);
        try (SimAgent agent = new SimAgent("host-1", "192.0.2.11", List.of(port), List.of(xmpp), ChannelConfig.DEFAULT, false,
            Duration.ofSeconds(1));
            BgpTestKit.EvpnAgent evpnAgent = startEvpn(xmpp, vrf, cn)) {
          agent.start();
          long vni = evpnAgent.entry.nextHops().getFirst().label();

          // Agent → gobgpd: VPNv4 with RD underlay:instance-id, label, RT, next hop; EVPN type 2 with the VNI.
          within(WAIT, () -> assertThat(gobgp("global", "rib", "-a", "vpnv4")).contains("192.0.2.11:1:10.1.1.3/32"));
          String vpn = gobgp("global", "rib", "-a", "vpnv4");
          assertThat(vpn).contains("[17]").contains("192.0.2.11 ").contains("[" + rt + "]").contains("[MPLS in UDP]");
          within(WAIT, () -> assertThat(gobgp("global", "rib", "-a", "evpn")).contains("[mac:02:00:00:00:00:0c][ip:10.1.1.4]"));
          String evpn = gobgp("global", "rib", "-a", "evpn");
          assertThat(evpn).contains("[rd:192.0.2.12:7]").contains("[" + vni + "]").contains("192.0.2.12").contains(rt)
              .contains("VXLAN");

          // Agent → FRR: valid non-loopback next hop, both families.
          within(WAIT, () -> assertThat(d.vtysh("show bgp ipv4 vpn")).contains("10.1.1.3/32"));
          assertThat(d.vtysh("show bgp ipv4 vpn 10.1.1.3/32")).contains("192.0.2.11").contains("RT:" + rt);
          within(WAIT, () -> assertThat(d.vtysh("show bgp l2vpn evpn")).contains("02:00:00:00:00:0c"));
          assertThat(d.vtysh("show bgp l2vpn evpn")).contains("192.0.2.12");

          // Agent → BIRD (VPNv4).
          within(WAIT, () -> assertThat(d.birdc("show", "route", "table", "vpntab4", "all"))
              .contains("10.1.1.3/32").contains("192.0.2.11:1"));

          // gobgpd → agent: a default route with the network's route target.
          assertThat(gobgp("global", "rib", "-a", "vpnv4", "add", "0.0.0.0/0", "label", "300", "rd", "65001:1", "rt", rt,
              "nexthop", "192.0.2.3")).doesNotContain("rror");
          within(WAIT, () -> assertThat(agent.routes().getOrDefault(vrf, java.util.Set.of())).contains("0.0.0.0/0"));
          UnicastEntry dflt = (UnicastEntry) agent.entry(vrf, "0.0.0.0/0");
          assertThat(dflt.nextHops().getFirst().address()).isEqualTo("192.0.2.3");
          assertThat(dflt.nextHops().getFirst().label()).isEqualTo(300);

          // Introspect shows the peers with their state and counts.
          String peers = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + cn.introspectPort() + "/bgp/peers")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
          assertThat(peers).contains("\"ESTABLISHED\"").contains("127.0.0.3").contains("prefixesReceived").contains("ipv4-vpn");
          String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + cn.introspectPort() + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
          assertThat(metrics).contains("weft_control_bgp_neighbours{state=\"established\"} 3");

          // Withdrawals both ways.
          gobgp("global", "rib", "-a", "vpnv4", "del", "0.0.0.0/0", "label", "300", "rd", "65001:1");
          within(WAIT, () -> assertThat(agent.routes().getOrDefault(vrf, java.util.Set.of())).doesNotContain("0.0.0.0/0"));
          agent.removePort(port);
          evpnAgent.withdraw();
          within(WAIT, () -> assertThat(gobgp("global", "rib", "-a", "vpnv4")).doesNotContain("10.1.1.3/32"));
          within(WAIT, () -> assertThat(gobgp("global", "rib", "-a", "evpn")).doesNotContain("02:00:00:00:00:0c"));
          within(WAIT, () -> assertThat(d.vtysh("show bgp ipv4 vpn")).doesNotContain("10.1.1.3/32"));

          // Config at runtime: FRR taken out of cn1's peers and deleted → its session goes.
          config.patch("/api/v1/bgprouters/cn1", "{\"spec\": {\"peers\": [\"gobgp\", \"bird\"]}}");
          config.delete("/api/v1/bgprouters/frr");
          within(WAIT, () -> assertThat(cn.bgp().status()).extracting(BgpNeighbour.Status::address)
              .containsExactlyInAnyOrder("127.0.0.3", "127.0.0.4"));

          // Graceful restart helper: gobgpd dies without a NOTIFICATION; its route stays (stale) until restart time 4 s ends.
          agent.addPort(new SimAgent.Port(vrf, "10.1.1.5/32", 18));
          gobgp("global", "rib", "-a", "vpnv4", "add", "0.0.0.0/0", "label", "301", "rd", "65001:1", "rt", rt,
              "nexthop", "192.0.2.3");
          within(WAIT, () -> assertThat(agent.routes().getOrDefault(vrf, java.util.Set.of())).contains("0.0.0.0/0"));
          gobgpd.destroyForcibly().waitFor();
          within(WAIT, () -> assertThat(cn.bgp().status()).filteredOn(s -> s.address().equals("127.0.0.3"))
              .allMatch(s -> !s.state().equals("ESTABLISHED")));
          Thread.sleep(1500);
          assertThat(agent.routes().getOrDefault(vrf, java.util.Set.of())).contains("0.0.0.0/0");
          within(Duration.ofSeconds(15), () -> assertThat(agent.routes().getOrDefault(vrf, java.util.Set.of()))
              .doesNotContain("0.0.0.0/0"));
          assertThat(cn.bgp().staleSwept()).isGreaterThanOrEqualTo(1);
        }
      } catch (AssertionError | RuntimeException e) {
        System.out.println("gobgpd log:\n" + d.log("gobgpd.log") + "\nFRR log:\n" + d.log("bgpd.log"));
        throw e;
      }
    }
  }

  private static BgpTestKit.EvpnAgent startEvpn(InetSocketAddress xmpp, String vrf, ControlNode cn) throws Exception {
    return new BgpTestKit.EvpnAgent(xmpp, "host-2", "192.0.2.12", vrf, "02:00:00:00:00:0c", "10.1.1.4", 5001);
  }

}
