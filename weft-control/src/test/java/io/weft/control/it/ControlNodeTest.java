package io.weft.control.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.control.ControlNode;
import io.weft.control.config.Vrfs;
import io.weft.control.rib.InstanceView;
import io.weft.control.sim.SimAgent;
import io.weft.xmpp.session.ChannelConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A control node against a real config role (store, API, compiler) with real XMPP sessions on
 * 127.0.0.1: isolation, leaking by policy, withdrawal, graceful restart, per-host config.
 */
class ControlNodeTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final String RED = Vrfs.name("demo", "red");
  static final String BLUE = Vrfs.name("demo", "blue");

  ConfigFixture config;
  ControlNode node;

  @BeforeEach
  void start() throws Exception {
    config = new ConfigFixture();
    config.create("/api/v1/projects", "{apiVersion: weft/v1, kind: Project, metadata: {name: demo}, spec: {}}");
    for (int i = 1; i <= 4; i++) {
      config.create("/api/v1/virtualrouters",
          "{apiVersion: weft/v1, kind: VirtualRouter, metadata: {name: compute-" + i + "}, spec: {address: 10.0.0." + i + "}}");
    }
    config.create("/api/v1/projects/demo/networkpolicies", """
        apiVersion: weft/v1
        kind: NetworkPolicy
        metadata: {name: red-blue, project: demo}
        spec: {rules: [{action: pass, source: {network: red}, destination: {network: blue}}]}
        """);
    config.create("/api/v1/projects/demo/virtualnetworks",
        "{apiVersion: weft/v1, kind: VirtualNetwork, metadata: {name: red, project: demo}, spec: {subnets: [{cidr: 10.1.1.0/24}]}}");
    config.create("/api/v1/projects/demo/virtualnetworks",
        "{apiVersion: weft/v1, kind: VirtualNetwork, metadata: {name: blue, project: demo}, spec: {subnets: [{cidr: 10.2.2.0/24}]}}");
    config.create("/api/v1/projects/demo/virtualmachineinterfaces",
        "{apiVersion: weft/v1, kind: VirtualMachineInterface, metadata: {name: red-1, project: demo}, spec: {network: red, virtualRouter: compute-1, fixedIps: [10.1.1.10]}}");
    node = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, 0)
        .withStaleTime(Duration.ofSeconds(1)));
    Eventually.within(WAIT, () -> assertThat(node.rib().instances()).filteredOn(InstanceView::configured)
        .extracting(InstanceView::name).contains(RED, BLUE));
  }

  @AfterEach
  void stop() {
    if (node != null) node.close();
    if (config != null) config.close();
  }

  SimAgent agent(String host, SimAgent.Port... ports) throws Exception {
    SimAgent a = new SimAgent(host, "10.0.0." + host.substring(host.length() - 1), List.of(ports),
        List.of(new InetSocketAddress("127.0.0.1", node.xmppPort())), ChannelConfig.DEFAULT, false, Duration.ofMillis(100));
    a.start();
    return a;
  }

  @Test
  void routesReachTheirNetworkOnlyUntilAPolicyJoinsThemAndFollowWithdrawals() throws Exception {
    SimAgent.Port red1 = new SimAgent.Port(RED, "10.1.1.10/32", 17);
    SimAgent.Port red2 = new SimAgent.Port(RED, "10.1.1.11/32", 18);
    SimAgent.Port blue1 = new SimAgent.Port(BLUE, "10.2.2.10/32", 19);
    try (SimAgent a1 = agent("compute-1", red1); SimAgent a2 = agent("compute-2", red2); SimAgent a3 = agent("compute-3", blue1)) {
      Map<String, Set<String>> redOnly = Map.of(RED, Set.of("10.1.1.10/32", "10.1.1.11/32"));
      Eventually.within(WAIT, () -> {
        assertThat(a1.routes()).isEqualTo(redOnly);
        assertThat(a2.routes()).isEqualTo(redOnly);
        assertThat(a3.routes()).isEqualTo(Map.of(BLUE, Set.of("10.2.2.10/32")));
      });
      assertThat(a1.entry(RED, "10.1.1.11/32").toString()).contains("10.0.0.2").contains("label=18");

      // Attach the policy to both networks: the compiler joins their route targets.
      config.patch("/api/v1/projects/demo/virtualnetworks/red", "{\"spec\":{\"networkPolicies\":[\"red-blue\"]}}");
      config.patch("/api/v1/projects/demo/virtualnetworks/blue", "{\"spec\":{\"networkPolicies\":[\"red-blue\"]}}");
      Set<String> all = Set.of("10.1.1.10/32", "10.1.1.11/32", "10.2.2.10/32");
      Eventually.within(WAIT, () -> {
        assertThat(a1.routes()).isEqualTo(Map.of(RED, all));
        assertThat(a2.routes()).isEqualTo(Map.of(RED, all));
        assertThat(a3.routes()).isEqualTo(Map.of(BLUE, all));
      });

      // Deleting a port withdraws its route everywhere, leaked copies included.
      a2.removePort(red2);
      Set<String> left = Set.of("10.1.1.10/32", "10.2.2.10/32");
      Eventually.within(WAIT, () -> {
        assertThat(a1.routes()).isEqualTo(Map.of(RED, left));
        assertThat(a3.routes()).isEqualTo(Map.of(BLUE, left));
      });

      // A dropped session: routes stay for the stale period (1 s here), then are withdrawn.
      a1.close();
      long closedAt = System.nanoTime();
      Eventually.within(WAIT, () -> assertThat(node.sessions().status()).filteredOn(s -> s.host().equals("compute-1"))
          .allMatch(s -> !s.up()));
      if (System.nanoTime() - closedAt < 500_000_000L) assertThat(a3.routes().get(BLUE)).contains("10.1.1.10/32");
      Eventually.within(WAIT, () -> {
        assertThat(a3.routes()).isEqualTo(Map.of(BLUE, Set.of("10.2.2.10/32")));
        assertThat(a2.routes()).isEqualTo(Map.of(RED, Set.of("10.2.2.10/32")));
      });
    }
  }

  @Test
  void aReconnectWithinTheStalePeriodKeepsTheRoutes() throws Exception {
    SimAgent.Port red1 = new SimAgent.Port(RED, "10.1.1.10/32", 17);
    try (SimAgent observer = agent("compute-2", new SimAgent.Port(RED, "10.1.1.11/32", 18))) {
      SimAgent first = agent("compute-1", red1);
      Eventually.within(WAIT, () -> assertThat(observer.routes().get(RED)).contains("10.1.1.10/32"));
      first.close();
      try (SimAgent again = agent("compute-1", red1)) {
        // Well past the 1 s stale period: the re-published path was refreshed, never withdrawn.
        Eventually.throughout(Duration.ofMillis(2500), () -> assertThat(observer.routes().get(RED)).contains("10.1.1.10/32"));
        assertThat(node.rib().route(RED, io.weft.control.rib.Family.INET, "10.1.1.10/32").best().stale()).isFalse();
      }
    }
  }

  @Test
  void agentsGetOnlyTheirOwnHostsConfig() throws Exception {
    try (SimAgent a1 = agent("compute-1", new SimAgent.Port(RED, "10.1.1.10/32", 17));
         SimAgent a4 = agent("compute-4", new SimAgent.Port(BLUE, "10.2.2.20/32", 17))) {
      a1.subscribeConfig();
      a4.subscribeConfig();
      Eventually.within(WAIT, () -> assertThat(a1.config()).containsOnlyKeys("default-domain:demo:red-1", RED));
      assertThat(a1.config().get("default-domain:demo:red-1")).contains("\"kind\":\"PortConfig\"").contains("\"virtualRouter\":\"compute-1\"");
      assertThat(a4.config()).isEmpty();

      config.create("/api/v1/projects/demo/virtualmachineinterfaces",
          "{apiVersion: weft/v1, kind: VirtualMachineInterface, metadata: {name: blue-4, project: demo}, spec: {network: blue, virtualRouter: compute-4}}");
      Eventually.within(WAIT, () -> assertThat(a4.config()).containsOnlyKeys("default-domain:demo:blue-4", BLUE));
      assertThat(a1.config()).containsOnlyKeys("default-domain:demo:red-1", RED);

      config.delete("/api/v1/projects/demo/virtualmachineinterfaces/red-1");
      Eventually.within(WAIT, () -> assertThat(a1.config()).isEmpty());
    }
  }

  @Test
  void introspectShowsSessionsInstancesAndRoutes() throws Exception {
    try (SimAgent a1 = agent("compute-1", new SimAgent.Port(RED, "10.1.1.10/32", 17))) {
      Eventually.within(WAIT, () -> assertThat(a1.routes()).containsKey(RED));
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + node.introspectPort();
      assertThat(get(http, base + "/sessions")).contains("compute-1").contains(RED);
      assertThat(get(http, base + "/instances")).contains(RED).contains("target:64512:");
      assertThat(get(http, base + "/instances/" + RED + "/routes?family=inet")).contains("10.1.1.10/32").contains("\"label\" : 17");
      assertThat(get(http, base + "/metrics")).contains("weft_control_xmpp_sessions 1").contains("weft_control_paths 1");
    }
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }
}
