package io.weft.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.forwarder.packet.MacAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pod's port, or a VRF, costs the objects that depend on it, not every object on the
 * host: counted in intents resolved, among 10,000 that do not depend on it.
 */
class ReconcileCostTest {
  static final int UNRELATED = 10_000;
  static final IpPrefix POD = IpPrefix.parse("192.168.0.1/32");
  static final IpPrefix SPREAD = IpPrefix.parse("192.168.1.0/24");
  static final MacAddress POD_MAC = MacAddress.parse("02:00:00:00:99:01");

  final Forwarder fw = Forwarder.start(ForwarderConfig.defaults().withClock(() -> 0L), null);

  @AfterEach
  void stop() {
    fw.close();
  }

  @Test
  void aPortResolvesOnlyItsLabelsAndWhatRoutesThroughIt() {
    fw.addVrf("red");
    for (int k = 0; k < 10; k++) fw.addPort(spec("tap-" + k, "red"), new IdlePortBackend());
    addUnrelated("red");
    fw.addRoute("red", POD, new NextHop.Interface("pod"));
    fw.addRoute("red", SPREAD, new NextHop.Ecmp(List.of(new NextHop.Interface("tap-1"), new NextHop.Interface("pod"))));
    fw.addMac("red", POD_MAC, new NextHop.Interface("pod"));
    fw.addLabel(16, "pod", LabelPayload.IP);

    long before = fw.resolutionsForTest();
    assertThat(fw.addPort(spec("pod", "red"), new IdlePortBackend())).isEqualTo(ObjectState.ACTIVE);
    assertThat(fw.resolutionsForTest() - before).as("the route, the ECMP route, the MAC entry, the label").isEqualTo(4);
    assertThat(fw.routeState("red", POD)).contains(ObjectState.ACTIVE);
    assertThat(status("route red", SPREAD.toString()).reason()).isEmpty();
    assertThat(status("label", "16").state()).isEqualTo(ObjectState.ACTIVE);

    before = fw.resolutionsForTest();
    fw.removePort("pod");
    assertThat(fw.resolutionsForTest() - before).isEqualTo(4);
    assertThat(fw.routeState("red", POD)).contains(ObjectState.PENDING);
    assertThat(status("route red", SPREAD.toString()).reason()).isEqualTo("members pending: [port pod absent]");
    assertThat(status("label", "16").state()).isEqualTo(ObjectState.PENDING);
  }

  @Test
  void aVrfResolvesOnlyItsRoutesMacEntriesAndVnis() {
    fw.addVrf("red");
    addUnrelated("red");
    fw.addPort(spec("pod", "blue"), new IdlePortBackend());
    fw.addRoute("blue", POD, new NextHop.Interface("pod"));
    fw.addMac("blue", POD_MAC, new NextHop.Interface("pod"));
    fw.addVni(5001, "blue");

    long before = fw.resolutionsForTest();
    fw.addVrf("blue");
    assertThat(fw.resolutionsForTest() - before).as("the route, the MAC entry, the VNI").isEqualTo(3);
    assertThat(fw.portState("pod")).contains(ObjectState.ACTIVE);
    assertThat(fw.routeState("blue", POD)).contains(ObjectState.ACTIVE);
    assertThat(status("vni", "5001").state()).isEqualTo(ObjectState.ACTIVE);

    before = fw.resolutionsForTest();
    fw.removeVrf("blue");
    assertThat(fw.resolutionsForTest() - before).isEqualTo(3);
    assertThat(fw.portState("pod")).contains(ObjectState.PENDING);
    assertThat(fw.routeState("blue", POD)).contains(ObjectState.PENDING);
    assertThat(status("vni", "5001").reason()).isEqualTo("vrf blue absent");
  }

  /** Routes through the ten ports, to ports never added, and to a remote host; labels and a VNI elsewhere. */
  private void addUnrelated(String vrf) {
    InetAddress remote = InetAddress.ofLiteral("192.0.2.7");
    for (int k = 0; k < UNRELATED; k++) {
      IpPrefix p = IpPrefix.parse("10." + (k >> 8) + "." + (k & 0xff) + ".0/24");
      NextHop nh = switch (k % 3) {
        case 0 -> new NextHop.Interface("tap-" + k % 10);
        case 1 -> new NextHop.Interface("absent-" + k);
        default -> new NextHop.Tunnel(remote, 20, 5001, Set.of(Encapsulation.MPLS_UDP));
      };
      fw.addRoute(vrf, p, nh);
    }
    for (int k = 0; k < 100; k++) fw.addLabel(100 + k, "tap-" + k % 10, LabelPayload.ETHERNET);
    fw.addVni(5000, vrf);
  }

  private RouteStatus status(String table, String key) {
    return fw.status().stream().filter(s -> s.table().equals(table) && s.key().equals(key)).findFirst().orElseThrow();
  }

  private static PortSpec spec(String name, String vrf) {
    return new PortSpec(name, MacAddress.parse("02:00:00:00:00:01"), vrf, List.of(), false);
  }
}
