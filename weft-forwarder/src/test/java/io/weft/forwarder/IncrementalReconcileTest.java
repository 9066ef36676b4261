package io.weft.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.pipeline.Adjacency;
import io.weft.forwarder.pipeline.Pipeline;
import io.weft.forwarder.pipeline.UnderlayTransport;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Adding or removing a VRF or a port re-resolves only what depends on it; the result must be
 * what re-resolving everything gives. Random sequences over a few names, so that objects
 * keep meeting: after every call the tables and states equal those after a full
 * re-resolution, the tables hold exactly the ACTIVE objects, and at the end a second
 * forwarder given the surviving objects in another order (intents, then VRFs, then ports)
 * has the same tables.
 */
class IncrementalReconcileTest {
  static final List<String> VRFS = List.of("red", "blue", "green");
  static final List<String> PORTS = List.of("tap-1", "tap-2", "tap-3", "tap-4");
  static final List<IpPrefix> PREFIXES = Stream.of("10.0.0.0/8", "10.1.1.0/24", "10.1.1.1/32", "fd00::/64", "fd00::1/128")
      .map(IpPrefix::parse).toList();
  static final List<MacAddress> MACS = Stream.of("02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03")
      .map(MacAddress::parse).toList();
  static final InetAddress REMOTE = InetAddress.ofLiteral("192.0.2.7");
  /** One the underlay below can send (ACTIVE), one it cannot (PENDING). */
  static final List<NextHop> TUNNELS = List.of(new NextHop.Tunnel(REMOTE, 20, 5001, Set.of(Encapsulation.VXLAN)),
      new NextHop.Tunnel(REMOTE, 21, 5002, Set.of(Encapsulation.MPLS_GRE)));

  @Property(tries = 100, seed = "20261121")
  void reconcilingWhatChangedEqualsReResolvingEverything(@ForAll("operations") List<Op> ops) {
    Map<Object, Op> live = new LinkedHashMap<>();
    try (Forwarder fw = start()) {
      for (Op op : ops) {
        if (!op.apply(fw)) continue;
        if (op.adds()) live.put(op.key(), op);
        else live.remove(op.key());
        TableSnapshot incremental = snapshot(fw);
        TableSnapshot.assertTablesMatchStatus(fw, VRFS);
        fw.reconcileAllForTest();
        assertThat(incremental).as("after %s", op).isEqualTo(snapshot(fw));
      }
      try (Forwarder fresh = start()) {
        live.values().stream().sorted(Comparator.comparingInt(Op::replayOrder)).forEach(op -> op.apply(fresh));
        assertThat(snapshot(fw)).as("same objects pushed in another order").isEqualTo(snapshot(fresh));
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<String> vrf = Arbitraries.of(VRFS);
    Arbitrary<String> port = Arbitraries.of(PORTS);
    Arbitrary<IpPrefix> prefix = Arbitraries.of(PREFIXES);
    Arbitrary<MacAddress> mac = Arbitraries.of(MACS);
    Arbitrary<Integer> label = Arbitraries.of(16, 17, 18);
    Arbitrary<Integer> vni = Arbitraries.of(100, 101, 102);
    Arbitrary<NextHop> single = Arbitraries.frequencyOf(Tuple.of(4, port.map(NextHop.Interface::new)),
        Tuple.of(1, Arbitraries.of(TUNNELS)), Tuple.of(1, Arbitraries.of(new NextHop.Discard(), new NextHop.Receive())));
    Arbitrary<NextHop> nextHop = Arbitraries.frequencyOf(Tuple.of(3, single),
        Tuple.of(2, single.list().ofMinSize(1).ofMaxSize(3).map(NextHop.Ecmp::new)));
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        Tuple.of(3, vrf.map(AddVrf::new)),
        Tuple.of(2, vrf.map(RemoveVrf::new)),
        Tuple.of(4, Combinators.combine(port, vrf).as(AddPort::new)),
        Tuple.of(3, port.map(RemovePort::new)),
        Tuple.of(3, Combinators.combine(vrf, prefix, nextHop).as(AddRoute::new)),
        Tuple.of(1, Combinators.combine(vrf, prefix).as(RemoveRoute::new)),
        Tuple.of(2, Combinators.combine(vrf, mac, nextHop).as(AddMac::new)),
        Tuple.of(1, Combinators.combine(vrf, mac).as(RemoveMac::new)),
        Tuple.of(2, Combinators.combine(label, port, Arbitraries.of(LabelPayload.class)).as(AddLabel::new)),
        Tuple.of(1, label.map(RemoveLabel::new)),
        Tuple.of(2, Combinators.combine(vni, vrf).as(AddVni::new)),
        Tuple.of(1, vni.map(RemoveVni::new)));
    return op.list().ofMaxSize(50);
  }

  static Forwarder start() {
    return Forwarder.start(ForwarderConfig.defaults().withClock(() -> 0L), new SilentUnderlay());
  }

  static TableSnapshot snapshot(Forwarder fw) {
    return TableSnapshot.of(fw, VRFS, PORTS);
  }

  /** One control call; {@code key} names the object it adds or removes. */
  sealed interface Op {
    /** False when the call was refused (a port added twice) and changed nothing. */
    boolean apply(Forwarder fw);

    Object key();

    default boolean adds() {
      return false;
    }

    /** Replaying intents before VRFs before ports makes every object wait PENDING first. */
    default int replayOrder() {
      return 0;
    }
  }

  record AddVrf(String vrf) implements Op {
    public boolean apply(Forwarder fw) {
      fw.addVrf(vrf);
      return true;
    }

    public Object key() {
      return List.of("vrf", vrf);
    }

    public boolean adds() {
      return true;
    }

    public int replayOrder() {
      return 1;
    }
  }

  record RemoveVrf(String vrf) implements Op {
    public boolean apply(Forwarder fw) {
      fw.removeVrf(vrf);
      return true;
    }

    public Object key() {
      return List.of("vrf", vrf);
    }
  }

  record AddPort(String port, String vrf) implements Op {
    public boolean apply(Forwarder fw) {
      if (fw.port(port) != null) return false;
      fw.addPort(new PortSpec(port, MacAddress.parse("02:00:00:00:01:0" + port.charAt(4)), vrf, List.of(), false),
          new IdlePortBackend());
      return true;
    }

    public Object key() {
      return List.of("port", port);
    }

    public boolean adds() {
      return true;
    }

    public int replayOrder() {
      return 2;
    }
  }

  record RemovePort(String port) implements Op {
    public boolean apply(Forwarder fw) {
      fw.removePort(port);
      return true;
    }

    public Object key() {
      return List.of("port", port);
    }
  }

  record AddRoute(String vrf, IpPrefix prefix, NextHop nextHop) implements Op {
    public boolean apply(Forwarder fw) {
      fw.addRoute(vrf, prefix, nextHop);
      return true;
    }

    public Object key() {
      return List.of("route", vrf, prefix);
    }

    public boolean adds() {
      return true;
    }
  }

  record RemoveRoute(String vrf, IpPrefix prefix) implements Op {
    public boolean apply(Forwarder fw) {
      fw.removeRoute(vrf, prefix);
      return true;
    }

    public Object key() {
      return List.of("route", vrf, prefix);
    }
  }

  record AddMac(String vrf, MacAddress mac, NextHop nextHop) implements Op {
    public boolean apply(Forwarder fw) {
      fw.addMac(vrf, mac, nextHop);
      return true;
    }

    public Object key() {
      return List.of("mac", vrf, mac);
    }

    public boolean adds() {
      return true;
    }
  }

  record RemoveMac(String vrf, MacAddress mac) implements Op {
    public boolean apply(Forwarder fw) {
      fw.removeMac(vrf, mac);
      return true;
    }

    public Object key() {
      return List.of("mac", vrf, mac);
    }
  }

  record AddLabel(int label, String port, LabelPayload payload) implements Op {
    public boolean apply(Forwarder fw) {
      fw.addLabel(label, port, payload);
      return true;
    }

    public Object key() {
      return List.of("label", label);
    }

    public boolean adds() {
      return true;
    }
  }

  record RemoveLabel(int label) implements Op {
    public boolean apply(Forwarder fw) {
      fw.removeLabel(label);
      return true;
    }

    public Object key() {
      return List.of("label", label);
    }
  }

  record AddVni(int vni, String vrf) implements Op {
    public boolean apply(Forwarder fw) {
      fw.addVni(vni, vrf);
      return true;
    }

    public Object key() {
      return List.of("vni", vni);
    }

    public boolean adds() {
      return true;
    }
  }

  record RemoveVni(int vni) implements Op {
    public boolean apply(Forwarder fw) {
      fw.removeVni(vni);
      return true;
    }

    public Object key() {
      return List.of("vni", vni);
    }
  }

  /** Sends nothing; what matters here is which encapsulations it offers to tunnel next hops. */
  static final class SilentUnderlay implements UnderlayTransport {
    @Override
    public Set<Encapsulation> supported() {
      return EnumSet.of(Encapsulation.MPLS_UDP, Encapsulation.VXLAN);
    }

    @Override
    public void send(Adjacency.Tunnel tunnel, ByteBuffer buf, int from, int to) {}

    @Override
    public void start(Pipeline pipeline) {}

    @Override
    public void close() {}
  }
}
