package io.weft.control.bgp;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Three Weft control nodes on 127.0.0.21-23, each with one agent: BgpRouters added while the
 * nodes run form an iBGP full mesh, and every agent gets every other agent's route with that
 * agent's label and underlay next hop; switched at runtime to route reflection (cn1 with a
 * cluster id, cn2 and cn3 its clients), cn2 and cn3 no longer peer and their agents still see
 * each other's routes, now through the reflector; a deleted BgpRouter takes its routes away.
 */
class ControlNodesIbgpTest {
  @Test
  void agentsOnDifferentControlNodesSeeEachOther() throws Exception {
    try (BgpTestKit.Config config = new BgpTestKit.Config()) {
      config.create("/api/v1/projects", "{apiVersion: weft/v1, kind: Project, metadata: {name: ib}, spec: {}}");
      config.create("/api/v1/projects/ib/virtualnetworks",
          "{apiVersion: weft/v1, kind: VirtualNetwork, metadata: {name: red, project: ib}, spec: {subnets: [{cidr: 10.2.0.0/24}]}}");
      String vrf = Vrfs.name("ib", "red");
      List<ControlNode> nodes = new ArrayList<>();
      List<SimAgent> agents = new ArrayList<>();
      try {
        for (int i = 1; i <= 3; i++) {
          nodes.add(ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, -1),
              BgpService.Settings.of("cn" + i, null).withConnectRetry(Duration.ofMillis(500))));
        }
        for (ControlNode c : nodes) {
          within(WAIT, () -> assertThat(c.rib().instances()).filteredOn(v -> v.name().equals(vrf))
              .allMatch(InstanceView::configured).hasSize(1));
        }
        for (int i = 1; i <= 3; i++) {
          SimAgent a = new SimAgent("host-" + i, "192.0.2.2" + i, List.of(new SimAgent.Port(vrf, "10.2.0." + i + "/32", 30 + i)),
              List.of(new InetSocketAddress("127.0.0.1", nodes.get(i - 1).xmppPort())), ChannelConfig.DEFAULT, false,
              Duration.ofSeconds(1));
          a.start();
          agents.add(a);
        }
        // Runtime config: the control nodes' BgpRouters appear after the nodes started.
        for (int i = 1; i <= 3; i++) {
          config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: cn" + i + "}, spec: "
              + "{address: 127.0.0.2" + i + ", asn: 64512, port: 1795" + i + ", routerType: control-node, holdTime: 9}}");
        }
        Set<String> all = Set.of("10.2.0.1/32", "10.2.0.2/32", "10.2.0.3/32");
        within(WAIT, () -> {
          for (SimAgent a : agents) assertThat(a.routes().get(vrf)).isEqualTo(all);
        });
        UnicastEntry fromThree = (UnicastEntry) agents.getFirst().entry(vrf, "10.2.0.3/32");
        assertThat(fromThree.nextHops().getFirst().address()).isEqualTo("192.0.2.23");
        assertThat(fromThree.nextHops().getFirst().label()).isEqualTo(33);
        assertThat(nodes.get(1).bgp().status()).hasSize(2);

        // Route reflection: cn1 reflects, cn2 and cn3 are its clients and stop peering with each other.
        config.patch("/api/v1/bgprouters/cn1", "{\"spec\": {\"clusterId\": \"10.255.0.1\"}}");
        config.patch("/api/v1/bgprouters/cn2", "{\"spec\": {\"routeReflectorClient\": true}}");
        config.patch("/api/v1/bgprouters/cn3", "{\"spec\": {\"routeReflectorClient\": true}}");
        within(WAIT, () -> {
          assertThat(nodes.get(1).bgp().status()).extracting(BgpNeighbour.Status::address).containsExactly("127.0.0.21");
          assertThat(nodes.get(2).bgp().status()).extracting(BgpNeighbour.Status::address).containsExactly("127.0.0.21");
          assertThat(nodes.get(0).bgp().status()).hasSize(2).allMatch(s -> s.reflectorClient() && s.state().equals("ESTABLISHED"));
        });
        within(WAIT, () -> {
          for (SimAgent a : agents) assertThat(a.routes().get(vrf)).isEqualTo(all);
        });
        UnicastEntry reflected = (UnicastEntry) agents.get(1).entry(vrf, "10.2.0.3/32");
        assertThat(reflected.nextHops().getFirst().address()).isEqualTo("192.0.2.23");

        // A deleted BgpRouter: cn3 leaves, its agent's route leaves the others.
        config.delete("/api/v1/bgprouters/cn3");
        within(WAIT, () -> {
          assertThat(agents.get(0).routes().get(vrf)).isEqualTo(Set.of("10.2.0.1/32", "10.2.0.2/32"));
          assertThat(agents.get(1).routes().get(vrf)).isEqualTo(Set.of("10.2.0.1/32", "10.2.0.2/32"));
        });
      } finally {
        for (SimAgent a : agents) a.close();
        for (ControlNode c : nodes) c.close();
      }
    }
  }
}
