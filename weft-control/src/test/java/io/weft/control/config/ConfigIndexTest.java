package io.weft.control.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.model.Metadata;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which hosts hear of a change and what each host is given, as ports move between hosts and instances. */
class ConfigIndexTest {
  final List<Set<String>> told = new ArrayList<>();
  final ConfigIndex index = new ConfigIndex(new ResourceCodec(), new ConfigListener() {
    @Override
    public void instanceChanged(String vrf, RoutingInstanceSpec spec) {}

    @Override
    public void hostsChanged(Set<String> hosts) {
      told.add(Set.copyOf(hosts));
    }
  });
  long revision;

  Resource instance(String name) {
    var spec = new RoutingInstanceSpec("p/" + name, "target:64512:1", List.of(), List.of(), 5000, null, List.of(), List.of(),
        false, false, false, false, null);
    return Resource.of(new Metadata(name, "p", null, ++revision, Map.of()), spec);
  }

  Resource port(String name, String host, String... instances) {
    List<String> ris = new ArrayList<>();
    for (String i : instances) ris.add("p/" + i);
    var spec = new PortConfigSpec(name, ris.getFirst(), ris, "02:00:00:00:00:01", List.of(), List.of(), List.of(), false, host,
        null, null, List.of());
    return Resource.of(new Metadata(name, "p", null, ++revision, Map.of()), spec);
  }

  Set<String> hostsToldOfChangeTo(String instance) {
    told.clear();
    index.apply(instance(instance), false);
    return told.isEmpty() ? Set.of() : told.getFirst();
  }

  @Test
  void anInstanceChangeReachesExactlyTheHostsWithAPortInIt() {
    index.apply(port("a", "host-1", "red"), false);
    index.apply(port("b", "host-2", "red", "green"), false);
    index.apply(port("c", "host-3", "green"), false);
    index.apply(port("d", null, "red"), false);

    assertThat(hostsToldOfChangeTo("red")).containsExactlyInAnyOrder("host-1", "host-2");
    assertThat(hostsToldOfChangeTo("green")).containsExactlyInAnyOrder("host-2", "host-3");
    assertThat(hostsToldOfChangeTo("blue")).isEmpty();
  }

  @Test
  void aPortMovedOrDeletedNoLongerTiesItsOldHostToTheInstance() {
    index.apply(port("a", "host-1", "red"), false);
    index.apply(port("b", "host-1", "red"), false);
    index.apply(port("a", "host-2", "red"), false); // moved
    assertThat(hostsToldOfChangeTo("red")).containsExactlyInAnyOrder("host-1", "host-2");

    index.apply(port("b", "host-1", "red"), true); // host-1's last port in red
    assertThat(hostsToldOfChangeTo("red")).containsExactly("host-2");
    assertThat(index.hostConfig("host-1")).isEmpty();
    assertThat(index.hostConfig("host-2")).containsOnlyKeys(Vrfs.portName("p", "a"), Vrfs.ofQualified("p/red"));
  }

  @Test
  void aReplayedOlderPortChangesNothing() {
    Resource old = port("a", "host-1", "red");
    index.apply(port("a", "host-2", "red"), false);
    index.apply(old, false);
    assertThat(hostsToldOfChangeTo("red")).containsExactly("host-2");
  }

  @Test
  void afterRandomChangesTheIndexAgreesWithAScanOfEveryPort() {
    Random random = new Random(7);
    Map<String, Resource> ports = new java.util.HashMap<>();
    List<String> hosts = List.of("h1", "h2", "h3");
    List<String> instances = List.of("red", "green", "blue", "grey");
    for (String i : instances) index.apply(instance(i), false);
    for (int step = 0; step < 2_000; step++) {
      String name = "port-" + random.nextInt(40);
      if (random.nextInt(4) == 0 && ports.containsKey(name)) {
        index.apply(ports.remove(name), true);
        continue;
      }
      String host = random.nextInt(5) == 0 ? null : hosts.get(random.nextInt(hosts.size()));
      List<String> in = new ArrayList<>(new HashSet<>(List.of(instances.get(random.nextInt(4)), instances.get(random.nextInt(4)))));
      Resource p = port(name, host, in.toArray(String[]::new));
      ports.put(name, p);
      index.apply(p, false);
    }
    for (String i : instances) {
      Set<String> expected = new HashSet<>();
      for (Resource p : ports.values()) {
        PortConfigSpec pc = (PortConfigSpec) p.spec();
        if (pc.virtualRouter() != null && pc.routingInstances().contains("p/" + i)) expected.add(pc.virtualRouter());
      }
      assertThat(hostsToldOfChangeTo(i)).as(i).isEqualTo(expected);
    }
    for (String h : hosts) {
      Set<String> expected = new HashSet<>();
      for (Resource p : ports.values()) {
        PortConfigSpec pc = (PortConfigSpec) p.spec();
        if (!h.equals(pc.virtualRouter())) continue;
        expected.add(Vrfs.portName("p", p.metadata().name()));
        for (String ri : pc.routingInstances()) expected.add(Vrfs.ofQualified(ri));
      }
      assertThat(index.hostConfig(h).keySet()).as(h).isEqualTo(expected);
    }
  }
}
