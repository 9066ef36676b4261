package io.weft.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.pipeline.Adjacency;
import io.weft.forwarder.pipeline.Pipeline;
import io.weft.forwarder.pipeline.Port;
import io.weft.forwarder.pipeline.Vrf;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A forwarder's data-path tables and object states as plain values, to compare two
 * reconciliations. VRFs and ports appear by name, marked stale when a table still holds an
 * object that the forwarder has since replaced or dropped; VRF ids are left out, so two
 * forwarders given the same objects in another order compare equal.
 */
record TableSnapshot(Set<String> status, Map<String, String> ports, Map<String, Map<String, String>> fibs,
    Map<String, Map<Long, String>> macs, Map<Integer, String> labels, Map<Integer, String> vnis) {

  static TableSnapshot of(Forwarder fw, Collection<String> vrfNames, Collection<String> portNames) {
    Set<String> status = fw.status().stream().map(RouteStatus::toString).collect(Collectors.toCollection(TreeSet::new));
    Map<String, String> ports = new TreeMap<>();
    for (String n : portNames) {
      Port p = fw.port(n);
      if (p != null) ports.put(n, p.vrf() == null ? "unbound" : vrf(fw, p.vrf()));
    }
    Map<String, Map<String, String>> fibs = new TreeMap<>();
    Map<String, Map<Long, String>> macs = new TreeMap<>();
    for (String n : vrfNames) {
      Vrf v = fw.vrf(n);
      if (v == null) continue;
      Map<String, String> fib = new TreeMap<>();
      v.fib.forEach((hi, lo, length, a) -> fib.put(hi + "/" + lo + "/" + length, adjacency(fw, a)));
      fibs.put(n, fib);
      Map<Long, String> l2 = new TreeMap<>();
      v.macs.forEach((mac, a) -> l2.put(mac, adjacency(fw, a)));
      macs.put(n, l2);
    }
    Map<Integer, String> labels = new TreeMap<>();
    fw.labelTable().forEach((l, t) -> labels.put(l, label(fw, t)));
    Map<Integer, String> vnis = new TreeMap<>();
    fw.vniTable().forEach((vni, v) -> vnis.put(vni, vrf(fw, v)));
    return new TableSnapshot(status, ports, fibs, macs, labels, vnis);
  }

  /**
   * The tables hold exactly the ACTIVE objects: a route, MAC entry, label or VNI is in its
   * table if and only if its status is ACTIVE, and a port is bound to a VRF if and only if
   * it is. This catches an entry left behind, which re-resolving the intents would not.
   */
  static void assertTablesMatchStatus(Forwarder fw, Collection<String> vrfNames) {
    for (String n : vrfNames) {
      Vrf v = fw.vrf(n);
      if (v == null) continue;
      Set<String> fib = new TreeSet<>();
      v.fib.forEach((hi, lo, length, a) -> fib.add(hi + "/" + lo + "/" + length));
      assertThat(fib).as("FIB of %s", n).isEqualTo(activeKeys(fw, "route " + n, k -> {
        IpPrefix p = IpPrefix.parse(k);
        return Intents.keyHi(p) + "/" + Intents.keyLo(p) + "/" + Intents.keyLength(p);
      }));
      assertThat(new TreeSet<>(v.macs.keySet())).as("MAC table of %s", n)
          .isEqualTo(activeKeys(fw, "mac " + n, k -> MacAddress.parse(k).bits()));
    }
    assertThat(new TreeSet<>(fw.labelTable().keySet())).as("label table").isEqualTo(activeKeys(fw, "label", Integer::valueOf));
    assertThat(new TreeSet<>(fw.vniTable().keySet())).as("VNI table").isEqualTo(activeKeys(fw, "vni", Integer::valueOf));
    for (RouteStatus s : fw.status()) {
      if (s.table().equals("port")) {
        assertThat(fw.port(s.key()).vrf() != null).as("port %s bound", s.key()).isEqualTo(s.state() == ObjectState.ACTIVE);
      }
    }
  }

  private static <K> Set<K> activeKeys(Forwarder fw, String table, java.util.function.Function<String, K> key) {
    return fw.status().stream().filter(s -> s.table().equals(table) && s.state() == ObjectState.ACTIVE)
        .map(s -> key.apply(s.key())).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String adjacency(Forwarder fw, Adjacency a) {
    return switch (a) {
      case Adjacency.Local l -> "local " + port(fw, l.port());
      case Adjacency.Ecmp e -> "ecmp " + Arrays.stream(e.members()).map(m -> m == null ? "pending" : adjacency(fw, m)).toList()
          + " active " + e.active();
      case Adjacency.Tunnel t -> t.toString();
      case Adjacency.Discard _ -> "discard";
      case Adjacency.Receive _ -> "receive";
    };
  }

  private static String label(Forwarder fw, Pipeline.LabelTarget t) {
    return port(fw, t.port()) + (t.l3() ? " ip" : " ethernet");
  }

  private static String port(Forwarder fw, Port p) {
    return p.name() + (fw.port(p.name()) == p ? "" : " (stale)");
  }

  private static String vrf(Forwarder fw, Vrf v) {
    return v.name() + (fw.vrf(v.name()) == v ? "" : " (stale)");
  }
}
