package io.weft.control.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.control.ControlNode;
import io.weft.control.config.Vrfs;
import io.weft.control.rib.InstanceView;
import io.weft.control.sim.SimAgent;
import io.weft.xmpp.session.ChannelConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Agents connected to two control nodes keep every route when one dies and converge again when it returns. */
class TwoControlNodesTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void agentsKeepEveryRouteThroughTheLossAndReturnOfOneControlNode() throws Exception {
    String[] nets = {Vrfs.name("two", "n0"), Vrfs.name("two", "n1")};
    try (ConfigFixture config = new ConfigFixture()) {
      config.create("/api/v1/projects", "{apiVersion: weft/v1, kind: Project, metadata: {name: two}, spec: {}}");
      for (int n = 0; n < 2; n++) {
        config.create("/api/v1/projects/two/virtualnetworks",
            "{apiVersion: weft/v1, kind: VirtualNetwork, metadata: {name: n" + n + ", project: two}, spec: {}}");
      }
      ControlNode.Settings base = ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, -1)
          .withStaleTime(Duration.ofSeconds(2));
      ControlNode c1 = ControlNode.start(base);
      ControlNode c2 = ControlNode.start(base);
      int port1 = c1.xmppPort();
      for (ControlNode c : List.of(c1, c2)) {
        Eventually.within(WAIT, () -> assertThat(c.rib().instances()).filteredOn(InstanceView::configured).hasSize(2));
      }
      List<InetSocketAddress> controls = List.of(new InetSocketAddress("127.0.0.1", port1),
          new InetSocketAddress("127.0.0.1", c2.xmppPort()));
      List<SimAgent> agents = new ArrayList<>();
      Map<String, Set<String>> expected = new HashMap<>();
      for (int a = 0; a < 6; a++) {
        List<SimAgent.Port> ports = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
          String vrf = nets[(a + j) % 2];
          String prefix = "10." + ((a + j) % 2) + "." + a + "." + (j + 1) + "/32";
          ports.add(new SimAgent.Port(vrf, prefix, 16 + j));
          expected.computeIfAbsent(vrf, k -> new HashSet<>()).add(prefix);
        }
        SimAgent agent = new SimAgent("host-" + a, "192.168.0." + (a + 1), ports, controls, ChannelConfig.DEFAULT, true,
            Duration.ofMillis(100));
        agent.start();
        agents.add(agent);
      }
      ControlNode c1again = null;
      try {
        Eventually.within(WAIT, () -> {
          for (SimAgent a : agents) {
            assertThat(a.routesFrom(0)).isEqualTo(expected);
            assertThat(a.routesFrom(1)).isEqualTo(expected);
          }
        });

        c1.close();
        Eventually.within(WAIT, () -> assertThat(agents).noneMatch(a -> a.connected(0)));
        // Every agent still has every route, from the node that is left, well past its stale period.
        Eventually.throughout(Duration.ofSeconds(3), () -> {
          for (SimAgent a : agents) assertThat(a.routes()).isEqualTo(expected);
        });

        c1again = ControlNode.start(base.withPorts("127.0.0.1", port1, -1));
        Eventually.within(WAIT, () -> {
          for (SimAgent a : agents) {
            assertThat(a.connected(0)).isTrue();
            assertThat(a.routesFrom(0)).isEqualTo(expected);
            assertThat(a.routesFrom(1)).isEqualTo(expected);
          }
        });
      } finally {
        for (SimAgent a : agents) a.close();
        c2.close();
        if (c1again != null) c1again.close();
      }
    }
  }
}
