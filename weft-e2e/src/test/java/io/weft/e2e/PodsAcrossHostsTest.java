package io.weft.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Pods in red on host-1 and host-2 (underlay 127.0.1.1 / 127.0.1.2) get their addresses by
 * DHCP from their vRouters and talk over the overlay; a blue pod cannot reach red until a
 * network policy attached to both networks allows it; ARP is answered by the vRouter and
 * never flooded; a pod resolves the names of pods on its own host and, through its vRouter
 * and the control node's DNS, on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodsAcrossHostsTest {
  private Cluster cluster;
  private Host h1;
  private Host h2;
  private Pod red1;
  private Pod red2;
  private Pod red3;
  private Pod blue1;

  @BeforeAll
  void start() throws Exception {
    Requirements.check();
    cluster = new Cluster(1);
    try {
      cluster.apply("hosts.yaml");
      cluster.apply("red-blue.yaml");
      h1 = cluster.host(1, List.of("udp", "vxlan"));
      h2 = cluster.host(2, List.of("udp", "vxlan"));
      red1 = cluster.pod("we-red1", h1, "red-1", true);
      red2 = cluster.pod("we-red2", h2, "red-2", true);
      red3 = cluster.pod("we-red3", h1, "red-3", true);
      blue1 = cluster.pod("we-blue1", h2, "blue-1", true);
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    if (cluster != null) cluster.close();
  }

  @Test
  @Order(1)
  void redPodsOnTwoHostsGetAddressesByDhcpAndExchangePingAndTcp() {
    assertThat(red1.address()).startsWith("10.1.1.");
    assertThat(red2.address()).startsWith("10.1.1.");
    assertThat(blue1.address()).startsWith("10.2.2.");
    Cluster.eventually("red-1 pings red-2 across hosts", Duration.ofSeconds(20), () -> red1.ping(red2.address(), 1));
    assertThat(red2.ping(red1.address(), 3)).isTrue();
    red2.listen(5201);
    Sh.Result r = red1.iperf(red2.address(), 5201, 1);
    assertThat(r.ok()).as(r.out()).isTrue();
    assertThat(r.out()).contains("receiver");
    assertThat(red1.ping("10.1.1.1", 1)).as("the vRouter answers ping to the gateway").isTrue();
  }

  @Test
  @Order(2)
  void blueCannotReachRedUntilAPolicyAttachedToBothAllowsIt() throws Exception {
    red1.listen(5202);
    String red = red1.address();
    assertThat(blue1.ping(red, 2)).as("blue -> red without a policy").isFalse();
    assertThat(blue1.tcp(red, 5202)).as("blue -> red TCP without a policy").isFalse();
    cluster.apply("red-blue-policy.yaml");
    Cluster.eventually("blue-1 pings red-1 once policy red-blue is attached", Duration.ofSeconds(20), () -> blue1.ping(red, 1));
    assertThat(blue1.tcp(red, 5202)).as("blue -> red TCP with the policy").isTrue();
    // Same host (host-2): red-2's route leaked into blue has this host as next hop, delivered to the local port.
    Cluster.eventually("blue-1 pings red-2 on the same host with the policy", Duration.ofSeconds(20), () -> blue1.ping(red2.address(), 1));
    red2.listen(5203);
    assertThat(blue1.tcp(red2.address(), 5203)).as("blue -> red TCP on one host with the policy").isTrue();
  }

  @Test
  @Order(3)
  void arpForAnUnknownAddressIsNotFloodedAndTheGatewayIsAnsweredByTheVrouter() throws Exception {
    Capture sameHost = new Capture(red3.ns, "eth0", 5, "arp");
    Capture otherHost = new Capture(red2.ns, "eth0", 4, "arp");
    long droppedBefore = h1.dataplane().serviceCounters().get("arpDropped");
    Sh.Result unknown = red1.exec("busybox", "arping", "-c", "2", "-w", "2", "-I", "eth0", "10.1.1.200");
    assertThat(unknown.ok()).as("no one answers for 10.1.1.200: " + unknown.out()).isFalse();
    assertThat(sameHost.packets()).as("ARP seen by a pod on the same host").isEmpty();
    assertThat(otherHost.packets()).as("ARP seen by a pod on the other host").isEmpty();
    assertThat(h1.dataplane().serviceCounters().get("arpDropped")).isGreaterThanOrEqualTo(droppedBefore + 2);

    Sh.Result gw = red1.exec("busybox", "arping", "-c", "1", "-w", "2", "-I", "eth0", "10.1.1.1");
    assertThat(gw.ok()).as(gw.out()).isTrue();
    assertThat(gw.out().toLowerCase()).contains("00:00:5e:00:01:00");
  }

  @Test
  @Order(4)
  void aPodResolvesAnotherPodsNameThroughTheVroutersDns() {
    // A port on the same host: the agent answers from its own ports.
    Sh.Result r = red1.exec("busybox", "nslookup", "red-3.e2e", "10.1.1.2");
    assertThat(r.ok()).as(r.out()).isTrue();
    assertThat(r.out()).contains(red3.address());
  }

  @Test
  @Order(5)
  void aPodResolvesTheNameOfAPodOnAnotherHostThroughItsVrouterAndTheControlNode() throws Exception {
    // red-2 is on host-2: host-1's agent holds no config for it and asks the control node's DNS.
    List<String> dns = red1.dhcpDns();
    assertThat(dns).as("the DNS server red-1 got by DHCP").containsExactly("10.1.1.2");
    for (String name : List.of("red-2.e2e", "red-2.e2e.weft.local")) {
      Sh.Result r = red1.exec("busybox", "nslookup", name, dns.getFirst());
      assertThat(r.ok()).as(r.out()).isTrue();
      assertThat(r.out()).as(name).contains("Address: " + red2.address());
    }
    Sh.Result ptr = red1.exec("busybox", "nslookup", red2.address(), dns.getFirst());
    assertThat(ptr.out()).as("PTR of red-2's address").contains("red-2.e2e.weft.local");
    Sh.Result nobody = red1.exec("busybox", "nslookup", "nobody.e2e.weft.local", dns.getFirst());
    assertThat(nobody.ok()).as("a name no port has: " + nobody.out()).isFalse();
    assertThat(nobody.out()).contains("NXDOMAIN");
  }
}
