package io.weft.forwarder;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.pipeline.Adjacency;
import io.weft.forwarder.pipeline.Pipeline;
import io.weft.forwarder.pipeline.Port;
import io.weft.forwarder.pipeline.UnderlayTransport;
import io.weft.forwarder.pipeline.Vrf;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent asked the data path to hold (routes, MAC entries, MPLS labels, VNIs) and
 * how each reconciled: ACTIVE in its table, or PENDING with the reason (its VRF or port
 * absent, no common encapsulation). When a VRF or port comes or goes, {@link #vrfChanged}
 * and {@link #portChanged} re-resolve the objects that depend on it, found through indexes
 * kept as objects are added and removed: a host holds thousands of ports and remote
 * routes, and a pod's port must not cost a pass over all of them.
 *
 * <p>Not thread-safe: {@link Forwarder} calls it under its lock. It reads the forwarder's
 * VRFs and ports and writes the FIBs, MAC, label and VNI tables that packet threads read.
 */
final class Intents {
  private final Map<String, Vrf> vrfs; // the forwarder's VRFs and ports: read here, never written
  private final Map<String, Port> ports;
  private final Map<Integer, Pipeline.LabelTarget> labelTable; // data-path tables: written here
  private final Map<Integer, Vrf> vniTable;
  private final ForwarderConfig config;
  private final UnderlayTransport underlay;

  private final Map<String, Map<IpPrefix, Intent<NextHop>>> routes = new HashMap<>();
  private final Map<String, Map<MacAddress, Intent<NextHop>>> macs = new HashMap<>();
  private final Map<Integer, Intent<LabelIntent>> labels = new LinkedHashMap<>();
  private final Map<Integer, Intent<String>> vnis = new LinkedHashMap<>();

  // Who depends on each port and VRF. A VRF's routes and MAC entries are routes.get(vrf) and
  // macs.get(vrf); no next hop names a VRF, so nothing else refers to one.
  private final Dependents<Integer> vnisByVrf = new Dependents<>();
  private final Dependents<Integer> labelsByPort = new Dependents<>();
  private final Dependents<Entry> nextHopsByPort = new Dependents<>();
  private long resolutions; // objects resolved since start, for tests that count the work

  private static final class Intent<T> {
    final T target;
    ObjectState state = ObjectState.PENDING;
    String reason = "";

    Intent(T target) {
      this.target = target;
    }
  }

  private record LabelIntent(String port, LabelPayload payload) {}

  /** A route or MAC entry by where it lives, as {@link #nextHopsByPort} holds it. */
  private sealed interface Entry {}

  private record RouteEntry(String vrf, IpPrefix prefix) implements Entry {}

  private record MacEntry(String vrf, MacAddress mac) implements Entry {}

  Intents(Map<String, Vrf> vrfs, Map<String, Port> ports, Map<Integer, Pipeline.LabelTarget> labelTable,
      Map<Integer, Vrf> vniTable, ForwarderConfig config, UnderlayTransport underlay) {
    this.vrfs = vrfs;
    this.ports = ports;
    this.labelTable = labelTable;
    this.vniTable = vniTable;
    this.config = config;
    this.underlay = underlay;
  }

  // ---- what the agent pushes -------------------------------------------------------------

  ObjectState addRoute(String vrf, IpPrefix prefix, NextHop nextHop) {
    Intent<NextHop> i = new Intent<>(nextHop);
    Intent<NextHop> old = routes.computeIfAbsent(vrf, k -> new HashMap<>()).put(prefix, i);
    track(new RouteEntry(vrf, prefix), old, nextHop);
    resolveRoute(vrf, prefix, i);
    return i.state;
  }

  void removeRoute(String vrf, IpPrefix prefix) {
    Map<IpPrefix, Intent<NextHop>> m = routes.get(vrf);
    Intent<NextHop> old = m == null ? null : m.remove(prefix);
    if (old == null) return;
    track(new RouteEntry(vrf, prefix), old, null);
    Vrf v = vrfs.get(vrf);
    if (v != null) v.fib.remove(keyHi(prefix), keyLo(prefix), keyLength(prefix));
  }

  ObjectState addMac(String vrf, MacAddress mac, NextHop nextHop) {
    Intent<NextHop> i = new Intent<>(nextHop);
    Intent<NextHop> old = macs.computeIfAbsent(vrf, k -> new HashMap<>()).put(mac, i);
    track(new MacEntry(vrf, mac), old, nextHop);
    resolveMac(vrf, mac, i);
    return i.state;
  }

  void removeMac(String vrf, MacAddress mac) {
    Map<MacAddress, Intent<NextHop>> m = macs.get(vrf);
    Intent<NextHop> old = m == null ? null : m.remove(mac);
    if (old == null) return;
    track(new MacEntry(vrf, mac), old, null);
    Vrf v = vrfs.get(vrf);
    if (v != null) v.macs.remove(mac.bits());
  }

  ObjectState addLabel(int label, String port, LabelPayload payload) {
    Intent<LabelIntent> i = new Intent<>(new LabelIntent(port, payload));
    Intent<LabelIntent> old = labels.put(label, i);
    if (old != null) labelsByPort.remove(old.target.port(), label);
    labelsByPort.add(port, label);
    resolveLabel(label, i);
    return i.state;
  }

  void removeLabel(int label) {
    Intent<LabelIntent> old = labels.remove(label);
    if (old != null) labelsByPort.remove(old.target.port(), label);
    labelTable.remove(label);
  }

  ObjectState addVni(int vni, String vrf) {
    Intent<String> i = new Intent<>(vrf);
    Intent<String> old = vnis.put(vni, i);
    if (old != null) vnisByVrf.remove(old.target, vni);
    vnisByVrf.add(vrf, vni);
    resolveVni(vni, i);
    return i.state;
  }

  void removeVni(int vni) {
    Intent<String> old = vnis.remove(vni);
    if (old != null) vnisByVrf.remove(old.target, vni);
    vniTable.remove(vni);
  }

  // ---- reconciliation ----------------------------------------------------------------------

  /** VRF {@code name} was added or removed: re-resolves its routes and MAC entries and the VNIs bound to it. */
  void vrfChanged(String name) {
    routes.getOrDefault(name, Map.of()).forEach((prefix, i) -> resolveRoute(name, prefix, i));
    macs.getOrDefault(name, Map.of()).forEach((mac, i) -> resolveMac(name, mac, i));
    for (int vni : vnisByVrf.of(name)) resolveVni(vni, vnis.get(vni));
  }

  /**
   * Port {@code name} was added or removed: re-resolves the labels delivered to it and the
   * routes and MAC entries whose next hop (or an ECMP member of it) is the port.
   */
  void portChanged(String name) {
    for (int label : labelsByPort.of(name)) resolveLabel(label, labels.get(label));
    for (Entry e : nextHopsByPort.of(name)) {
      switch (e) {
        case RouteEntry r -> resolveRoute(r.vrf(), r.prefix(), routes.get(r.vrf()).get(r.prefix()));
        case MacEntry m -> resolveMac(m.vrf(), m.mac(), macs.get(m.vrf()).get(m.mac()));
      }
    }
  }

  /** Re-resolves every object: the reference that {@link #vrfChanged} and {@link #portChanged} must equal. */
  void resolveAll() {
    routes.forEach((vrf, m) -> m.forEach((prefix, i) -> resolveRoute(vrf, prefix, i)));
    macs.forEach((vrf, m) -> m.forEach((mac, i) -> resolveMac(vrf, mac, i)));
    labels.forEach(this::resolveLabel);
    vnis.forEach(this::resolveVni);
  }

  /** Moves {@code e} in {@link #nextHopsByPort} from the ports of its old next hop to those of its new one (null: none). */
  private void track(Entry e, Intent<NextHop> old, NextHop now) {
    if (old != null) for (String port : portsOf(old.target)) nextHopsByPort.remove(port, e);
    if (now != null) for (String port : portsOf(now)) nextHopsByPort.add(port, e);
  }

  /** The ports {@link #resolve} looks up for {@code nh}: whatever it reads to resolve must be indexed. */
  private static List<String> portsOf(NextHop nh) {
    return switch (nh) {
      case NextHop.Interface itf -> List.of(itf.port());
      case NextHop.Ecmp ecmp -> ecmp.members().stream().flatMap(m -> portsOf(m).stream()).toList();
      case NextHop.Tunnel _, NextHop.Discard _, NextHop.Receive _ -> List.of();
    };
  }

  private void resolveRoute(String vrf, IpPrefix prefix, Intent<NextHop> i) {
    resolutions++;
    Vrf v = vrfs.get(vrf);
    if (v == null) {
      pending(i, "vrf " + vrf + " absent");
      return;
    }
    Adjacency a = resolve(i.target, i);
    if (a == null) v.fib.remove(keyHi(prefix), keyLo(prefix), keyLength(prefix));
    else v.fib.put(keyHi(prefix), keyLo(prefix), keyLength(prefix), a);
  }

  private void resolveMac(String vrf, MacAddress mac, Intent<NextHop> i) {
    resolutions++;
    Vrf v = vrfs.get(vrf);
    if (v == null) {
      pending(i, "vrf " + vrf + " absent");
      return;
    }
    Adjacency a = resolve(i.target, i);
    if (a == null) v.macs.remove(mac.bits());
    else v.macs.put(mac.bits(), a);
  }

  private void resolveLabel(int label, Intent<LabelIntent> i) {
    resolutions++;
    Port p = ports.get(i.target.port());
    if (p == null) {
      labelTable.remove(label);
      pending(i, "port " + i.target.port() + " absent");
      return;
    }
    labelTable.put(label, new Pipeline.LabelTarget(p, i.target.payload() == LabelPayload.IP));
    active(i);
  }

  private void resolveVni(int vni, Intent<String> i) {
    resolutions++;
    Vrf v = vrfs.get(i.target);
    if (v == null) {
      vniTable.remove(vni);
      pending(i, "vrf " + i.target + " absent");
      return;
    }
    vniTable.put(vni, v);
    active(i);
  }

  /** Resolves a next hop for the data path, or null (and the intent PENDING with a reason). */
  private Adjacency resolve(NextHop nh, Intent<?> i) {
    switch (nh) {
      case NextHop.Interface itf -> {
        Port p = ports.get(itf.port());
        if (p == null) return pending(i, "port " + itf.port() + " absent");
        active(i);
        return new Adjacency.Local(p);
      }
      case NextHop.Tunnel t -> {
        Encapsulation e = chooseEncapsulation(t);
        if (e == null) return pending(i, "no common encapsulation with " + t.remote().getHostAddress() + " " + t.encapsulations());
        active(i);
        int port = e == Encapsulation.VXLAN ? config.vxlanPort() : config.mplsUdpPort();
        return new Adjacency.Tunnel(t.remote(), new InetSocketAddress(t.remote(), port), t.label(), t.vni(), e);
      }
      case NextHop.Ecmp ecmp -> {
        Adjacency[] members = new Adjacency[ecmp.members().size()];
        int active = 0;
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < members.length; k++) {
          Intent<NextHop> probe = new Intent<>(ecmp.members().get(k));
          members[k] = resolve(probe.target, probe);
          if (members[k] != null) active++;
          else missing.add(probe.reason);
        }
        if (active == 0) return pending(i, "no ECMP member resolved: " + missing);
        active(i);
        if (!missing.isEmpty()) i.reason = "members pending: " + missing;
        return new Adjacency.Ecmp(members, active);
      }
      case NextHop.Discard d -> {
        active(i);
        return Adjacency.DISCARD;
      }
      case NextHop.Receive r -> {
        active(i);
        return Adjacency.RECEIVE;
      }
    }
  }

  /** The first encapsulation in the priority list that the remote advertises and we can send. */
  private Encapsulation chooseEncapsulation(NextHop.Tunnel t) {
    for (Encapsulation e : config.encapsulationPriority()) {
      if (t.encapsulations().contains(e) && underlay != null && underlay.supported().contains(e)) return e;
    }
    return null;
  }

  private static Adjacency pending(Intent<?> i, String reason) {
    i.state = ObjectState.PENDING;
    i.reason = reason;
    return null;
  }

  private static void active(Intent<?> i) {
    i.state = ObjectState.ACTIVE;
    i.reason = "";
  }

  static long keyHi(IpPrefix p) {
    return p.isIpv4() ? 0 : FlowKey.hi(p.address());
  }

  static long keyLo(IpPrefix p) {
    return FlowKey.lo(p.address());
  }

  static int keyLength(IpPrefix p) {
    return p.isIpv4() ? 96 + p.length() : p.length();
  }

  // ---- introspection -----------------------------------------------------------------------

  void status(List<RouteStatus> out) {
    routes.forEach((vrf, m) -> m.forEach((pfx, i) -> out.add(new RouteStatus("route " + vrf, pfx.toString(),
        i.target.toString(), i.state, i.reason))));
    macs.forEach((vrf, m) -> m.forEach((mac, i) -> out.add(new RouteStatus("mac " + vrf, mac.toString(),
        i.target.toString(), i.state, i.reason))));
    labels.forEach((l, i) -> out.add(new RouteStatus("label", Integer.toString(l), i.target.toString(), i.state, i.reason)));
    vnis.forEach((v, i) -> out.add(new RouteStatus("vni", Integer.toString(v), i.target, i.state, i.reason)));
  }

  Optional<ObjectState> routeState(String vrf, IpPrefix prefix) {
    return Optional.ofNullable(routes.getOrDefault(vrf, Map.of()).get(prefix)).map(i -> i.state);
  }

  long resolutions() {
    return resolutions;
  }
}
