package io.weft.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MPLSoUDP and VXLAN each carry pod traffic between the hosts: both agents run with only that
 * encapsulation (advertised in their routes and in the forwarder's priority list), and the
 * underlay datagrams are seen on the loopback with that encapsulation's UDP port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncapsulationTest {
  private Cluster cluster;
  private Host h1;
  private Host h2;
  private Pod red1;
  private Pod red2;

  @BeforeAll
  void start() throws Exception {
    Requirements.check();
    cluster = new Cluster(1);
    try {
      cluster.apply("hosts.yaml");
      cluster.apply("red-blue.yaml");
      h1 = cluster.host(1, List.of("udp"));
      h2 = cluster.host(2, List.of("udp"));
      red1 = cluster.pod("we-e-red1", h1, "red-1", false);
      red2 = cluster.pod("we-e-red2", h2, "red-2", false);
      red2.listen(5201);
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    if (cluster != null) cluster.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"udp, 6635", "vxlan, 4789"})
  void carriesPingAndTcpBetweenTheHosts(String encapsulation, int udpPort) throws Exception {
    h1.restart(List.of(encapsulation));
    h2.restart(List.of(encapsulation));
    Cluster.eventually("red-1 pings red-2 over " + encapsulation, Duration.ofSeconds(25), () -> red1.ping(red2.address(), 1));
    Capture underlay = new Capture(null, "lo", 3, "udp dst port " + udpPort + " and dst host 127.0.1.2");
    assertThat(red1.ping(red2.address(), 3)).isTrue();
    assertThat(underlay.packets()).as("datagrams to 127.0.1.2:" + udpPort).isNotEmpty();
    Sh.Result r = red1.iperf(red2.address(), 5201, 1);
    assertThat(r.ok()).as(r.out()).isTrue();
  }
}
