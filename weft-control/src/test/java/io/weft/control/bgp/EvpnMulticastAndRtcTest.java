package io.weft.control.bgp;

import static io.weft.control.bgp.BgpTestKit.WAIT;
import static io.weft.control.bgp.BgpTestKit.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.interop.PeerHarness;
import io.weft.bgp.wire.EvpnInclusiveMulticastRoute;
import io.weft.bgp.wire.Family;
import io.weft.control.ControlNode;
import io.weft.control.config.Vrfs;
import io.weft.control.rib.InstanceView;
import io.weft.control.sim.SimAgent;
import io.weft.xmpp.session.ChannelConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against a real gobgpd: (a) an agent's port in a network with a VNI makes the control node
 * originate the agent's EVPN type-3 route with a PMSI tunnel (ingress replication, the VNI,
 * the agent's underlay address), withdrawn when the port goes; (b) with route-target
 * constraint, gobgpd is sent only the routes whose target it has a VRF importing (gobgpd
 * advertises RT membership for its VRFs' import targets), and gets another network's routes
 * once it adds a VRF importing that network's target, and loses them when it removes it.
 */
class EvpnMulticastAndRtcTest {

  private static String gobgpToml(String address, int port, String neighbour, String... families) {
    StringBuilder f = new StringBuilder();
    for (String fam : families) {
      f.append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"").append(fam).append("\"\n");
    }
    return """
        [global.config]
          as = 65001
          router-id = "10.0.0.9"
          port = %d
          local-address-list = ["%s"]
        [[neighbors]]
          [neighbors.config]
            neighbor-address = "%s"
            peer-as = 64512
          [neighbors.transport.config]
            passive-mode = true
            local-address = "%s"
        """.formatted(port, address, neighbour, address) + f;
  }

  private static void network(BgpTestKit.Config config, String name, String cidr, Integer vni) throws Exception {
    config.create("/api/v1/projects/mc/virtualnetworks", "{apiVersion: weft/v1, kind: VirtualNetwork, metadata: {name: " + name
        + ", project: mc}, spec: {" + (vni == null ? "" : "vni: " + vni + ", ") + "subnets: [{cidr: " + cidr + "}]}}");
  }

  private static String exportTarget(ControlNode cn, String vrf) {
    return cn.rib().instances().stream().filter(i -> i.name().equals(vrf)).findFirst().orElseThrow().exportTargets()
        .getFirst().replace("target:", "");
  }

  private static ControlNode start(BgpTestKit.Config config, List<String> vrfs) throws Exception {
    ControlNode cn = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, 0),
        BgpService.Settings.of("cn1", null).withConnectRetry(Duration.ofSeconds(1)));
    within(WAIT, () -> assertThat(cn.rib().instances()).filteredOn(i -> vrfs.contains(i.name()))
        .allMatch(InstanceView::configured).hasSize(vrfs.size()));
    within(WAIT, () -> assertThat(cn.bgp().status()).hasSize(1).allMatch(s -> s.state().equals("ESTABLISHED")));
    return cn;
  }

  @Test
  void inclusiveMulticastRouteForAnAgentsInstance() throws Exception {
    PeerHarness.require(PeerHarness.GOBGPD, "gobgpd");
    String host = "127.0.0.6";
    String api = "50162";
    try (PeerHarness d = new PeerHarness("imet"); BgpTestKit.Config config = new BgpTestKit.Config()) {
      d.startGobgpd(gobgpToml(host, 17962, "127.0.0.22", "l2vpn-evpn"), host, api);
      config.create("/api/v1/projects", "{apiVersion: weft/v1, kind: Project, metadata: {name: mc}, spec: {}}");
      network(config, "blue", "10.1.1.0/24", 5001);
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: gobgp}, spec: "
          + "{address: " + host + ", asn: 65001, port: 17962, routerType: router, families: [e-vpn]}}");
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: cn1}, spec: "
          + "{address: 127.0.0.22, asn: 64512, port: 17952, routerType: control-node, families: [inet-vpn, e-vpn, route-target],"
          + " peers: [gobgp]}}");
      String vrf = Vrfs.name("mc", "blue");
      try (ControlNode cn = start(config, List.of(vrf))) {
        String rt = exportTarget(cn, vrf);
        SimAgent.Port port = new SimAgent.Port(vrf, "10.1.1.3/32", 17);
        try (SimAgent agent = new SimAgent("host-1", "192.0.2.11", List.of(port),
            List.of(new InetSocketAddress("127.0.0.1", cn.xmppPort())), ChannelConfig.DEFAULT, false, Duration.ofSeconds(1))) {
          agent.start();
          within(WAIT, () -> assertThat(PeerHarness.gobgp(host, api, "global", "rib", "-a", "evpn"))
              .contains("[type:multicast]").contains("[etag:0][ip:192.0.2.11]"));
          String imet = PeerHarness.gobgp(host, api, "global", "rib", "-a", "evpn");
          assertThat(imet).contains("[rd:192.0.2.11:").contains("192.0.2.11 ").contains("[" + rt + "]").contains("[VXLAN]")
              .contains("Pmsi: type: ingress-repl, label: 5001, tunnel-id: 192.0.2.11");

          // A second port changes nothing; the last port going withdraws the route.
          SimAgent.Port other = new SimAgent.Port(vrf, "10.1.1.4/32", 18);
          agent.addPort(other);
          within(WAIT, () -> assertThat(cn.bgp().localRoutes()).filteredOn(r -> r.family().equals(Family.IPV4_VPN)).hasSize(2));
          agent.removePort(port);
          within(WAIT, () -> assertThat(cn.bgp().localRoutes()).filteredOn(r -> r.family().equals(Family.IPV4_VPN)).hasSize(1));
          assertThat(cn.bgp().localRoutes()).filteredOn(r -> r.nlri() instanceof EvpnInclusiveMulticastRoute).hasSize(1);
          assertThat(PeerHarness.gobgp(host, api, "global", "rib", "-a", "evpn")).contains("[type:multicast]");
          agent.removePort(other);
          within(WAIT, () -> assertThat(PeerHarness.gobgp(host, api, "global", "rib", "-a", "evpn"))
              .doesNotContain("[type:multicast]"));
        }
      } catch (AssertionError | RuntimeException e) {
        System.out.println("gobgpd log:\n" + d.log("gobgpd.log"));
        throw e;
      }
    }
  }

  @Test
  void routeTargetConstraintSendsOnlyWhatTheGatewayImports() throws Exception {
    PeerHarness.require(PeerHarness.GOBGPD, "gobgpd");
    String host = "127.0.0.7";
    String api = "50163";
    try (PeerHarness d = new PeerHarness("rtc"); BgpTestKit.Config config = new BgpTestKit.Config()) {
      d.startGobgpd(gobgpToml(host, 17963, "127.0.0.23", "l3vpn-ipv4-unicast", "rtc"), host, api);
      config.create("/api/v1/projects", "{apiVersion: weft/v1, kind: Project, metadata: {name: mc}, spec: {}}");
      network(config, "red", "10.1.1.0/24", null);
      network(config, "green", "10.2.2.0/24", null);
      String red = Vrfs.name("mc", "red");
      String green = Vrfs.name("mc", "green");

      // The networks' targets are known once the control node has them; gobgpd's VRFs are added before it peers.
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: cn1}, spec: "
          + "{address: 127.0.0.23, asn: 64512, port: 17953, routerType: control-node, families: [inet-vpn, e-vpn, route-target]}}");
      try (ControlNode cn = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, 0),
          BgpService.Settings.of("cn1", null).withConnectRetry(Duration.ofSeconds(1)))) {
        within(WAIT, () -> assertThat(cn.rib().instances()).filteredOn(i -> i.name().equals(red) || i.name().equals(green))
            .allMatch(InstanceView::configured).hasSize(2));
        String redRt = exportTarget(cn, red);
        String greenRt = exportTarget(cn, green);
        assertThat(redRt).isNotEqualTo(greenRt);
        assertThat(PeerHarness.gobgp(host, api, "vrf", "add", "vred", "rd", "65001:1", "rt", "import", redRt, "export",
            "65001:91")).doesNotContain("rror");

        SimAgent agent = new SimAgent("host-1", "192.0.2.11", List.of(new SimAgent.Port(red, "10.1.1.3/32", 17),
            new SimAgent.Port(green, "10.2.2.3/32", 18)), List.of(new InetSocketAddress("127.0.0.1", cn.xmppPort())),
            ChannelConfig.DEFAULT, false, Duration.ofSeconds(1));
        try (agent) {
          agent.start();
          within(WAIT, () -> assertThat(cn.bgp().localRoutes()).filteredOn(r -> r.family().equals(Family.IPV4_VPN)).hasSize(2));
          config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: gobgp}, spec: "
              + "{address: " + host + ", asn: 65001, port: 17963, routerType: router, families: [inet-vpn, route-target]}}");
          config.patch("/api/v1/bgprouters/cn1", "{\"spec\": {\"peers\": [\"gobgp\"]}}");
          within(WAIT, () -> assertThat(cn.bgp().status()).hasSize(1).allMatch(s -> s.state().equals("ESTABLISHED")
              && s.negotiatedFamilies().contains("rt-constraint")));

          // gobgpd has our memberships (one per imported target, origin AS 64512) and only red's route.
          within(WAIT, () -> assertThat(PeerHarness.gobgp(host, api, "global", "rib", "-a", "rtc"))
              .contains("64512:" + redRt).contains("64512:" + greenRt));
          within(WAIT, () -> assertThat(PeerHarness.gobgp(host, api, "global", "rib", "-a", "vpnv4")).contains("10.1.1.3/32"));
          assertThat(PeerHarness.gobgp(host, api, "global", "rib", "-a", "vpnv4")).doesNotContain("10.2.2.3/32");
          assertThat(cn.bgp().status().getFirst().prefixesSent()).containsEntry("ipv4-vpn", 1);

          // gobgpd imports green too: its membership grows and green's route follows; and goes with it.
          PeerHarness.gobgp(host, api, "vrf", "add", "vgreen", "rd", "65001:2", "rt", "import", greenRt, "export", "65001:92");
          within(WAIT, () -> assertThat(PeerHarness.gobgp(host, api, "global", "rib", "-a", "vpnv4")).contains("10.2.2.3/32"));
          PeerHarness.gobgp(host, api, "vrf", "del", "vgreen");
          within(WAIT, () -> assertThat(PeerHarness.gobgp(host, api, "global", "rib", "-a", "vpnv4"))
              .doesNotContain("10.2.2.3/32").contains("10.1.1.3/32"));
        }
      } catch (AssertionError | RuntimeException e) {
        System.out.println("gobgpd log:\n" + d.log("gobgpd.log"));
        throw e;
      }
    }
  }
}
