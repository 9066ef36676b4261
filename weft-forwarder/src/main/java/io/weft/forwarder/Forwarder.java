package io.weft.forwarder;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.packet.VirtioNetHeader;
import io.weft.forwarder.pipeline.Adjacency;
import io.weft.forwarder.pipeline.Counters;
import io.weft.forwarder.pipeline.Pipeline;
import io.weft.forwarder.pipeline.Port;
import io.weft.forwarder.pipeline.SocketUnderlay;
import io.weft.forwarder.pipeline.UnderlayTransport;
import io.weft.forwarder.pipeline.Vrf;
import io.weft.forwarder.port.PortBackend;
import io.weft.forwarder.table.FlowEntry;
import io.weft.forwarder.table.FlowTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarder's control API, used by the agent. The agent pushes VRFs, ports, routes,
 * MAC entries, MPLS labels and VNIs; each is kept and reconciled: an object that refers to
 * something absent (a route to a port not added yet, a port in a VRF not created yet) is
 * {@link ObjectState#PENDING} and becomes ACTIVE when the missing piece arrives, and goes
 * back to PENDING if it leaves. Flow misses and trapped packets (ARP, ND, DHCP, receive)
 * reach the agent through {@link #setAgentListener}; it answers with {@link #installFlow}
 * and sends its own frames (ARP replies, DHCP) with {@link #sendToPort}.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>one platform thread per port ({@code port-<name>}) runs the pipeline to completion
 *       for frames from that port;</li>
 *   <li>one platform thread per underlay socket ({@code underlay-*}) for decapsulation;</li>
 *   <li>{@code forwarder-agent}: delivers events to the listener, in order;</li>
 *   <li>{@code forwarder-aging}: sweeps idle flows each {@code agingInterval} (none with an injected clock);</li>
 *   <li>control calls (this class's methods) are serialised by {@code lock}; they write the
 *       data-path tables, which packet threads read lock-free. Released held packets run on
 *       the thread that called {@link #installFlow}.</li>
 * </ul>
 *
 * <p>Adding or removing a VRF or a port re-resolves only what depends on it, found through
 * indexes kept where objects are added and removed: with thousands of ports and remote
 * routes on a host, a pod's port must not cost a pass over every route.
 */
public final class Forwarder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
  private static final int POLL_MILLIS = 100;

  private final ForwarderConfig config;
  private final Object lock = new Object();
  private final FlowTable flows;
  private final Pipeline pipeline;
  private final UnderlayTransport underlay;
  private final Counters global = new Counters();
  private final Counters underlayCounters = new Counters();
  private final BlockingQueue<AgentEvent> events;
  private volatile AgentListener listener;
  private volatile boolean running = true;
  private final List<Thread> threads = new ArrayList<>();

  // Data-path tables (read by packet threads).
  private final ConcurrentHashMap<String, Port> ports = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Pipeline.LabelTarget> labelTable = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Vrf> vniTable = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Vrf> vrfsById = new ConcurrentHashMap<>();

  // Control state, guarded by lock: what the agent asked for, and how it reconciled.
  private final Map<String, Vrf> vrfs = new HashMap<>();
  private final Map<String, Thread> portLoops = new HashMap<>();
  private final Map<String, Map<IpPrefix, Intent<NextHop>>> routes = new HashMap<>();
  private final Map<String, Map<MacAddress, Intent<NextHop>>> macs = new HashMap<>();
  private final Map<Integer, Intent<LabelIntent>> labels = new LinkedHashMap<>();
  private final Map<Integer, Intent<String>> vnis = new LinkedHashMap<>();
  private int nextVrfId = 1;

  // Who depends on each port and VRF, guarded by lock. A VRF's routes and MAC entries are
  // routes.get(vrf) and macs.get(vrf); no next hop names a VRF, so nothing else refers to one.
  private final Dependents<String> portsByVrf = new Dependents<>();
  private final Dependents<Integer> vnisByVrf = new Dependents<>();
  private final Dependents<Integer> labelsByPort = new Dependents<>();
  private final Dependents<Entry> nextHopsByPort = new Dependents<>();
  private long resolutions; // intents resolved since start, for tests that count the work

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

  private Forwarder(ForwarderConfig config, UnderlayTransport underlay) {
    this.config = config;
    this.underlay = underlay;
    this.events = new ArrayBlockingQueue<>(config.agentQueue());
    this.flows = new FlowTable(config.perPortFlowLimit(), new FlowTable.Timeouts(config.flowIdleTimeout().toNanos(),
        config.tcpClosingTimeout().toNanos(), config.holdTimeout().toNanos()));
    this.pipeline = new Pipeline(flows, labelTable, vniTable, ports::get, new Pipeline.Events() {
      @Override
      public void flowMiss(FlowMiss miss) {
        offer(miss);
      }

      @Override
      public void trap(TrappedPacket packet) {
        offer(packet);
      }
    }, config.clock(), global, underlayCounters, config.portMtu());
    pipeline.underlay(underlay);
    threads.add(Thread.ofPlatform().name("forwarder-agent").daemon().start(this::dispatch));
    if (!config.agingInterval().isZero()) {
      threads.add(Thread.ofPlatform().name("forwarder-aging").daemon().start(this::agingLoop));
    }
    if (underlay != null) underlay.start(pipeline);
  }

  /** Starts a forwarder; with an underlay address it binds the tunnel sockets there. */
  public static Forwarder start(ForwarderConfig config) throws IOException {
    UnderlayTransport u = null;
    if (config.underlay().isPresent()) {
      InetAddress a = config.underlay().get();
      u = new SocketUnderlay(a, config.mplsUdpPort(), config.vxlanPort(), config.mplsOverGre(),
          config.underlayMtu() > 0 ? config.underlayMtu() : interfaceMtu(a));
    }
    return new Forwarder(config, u);
  }

  /** The MTU of the interface holding {@code address}; all of 127/8 is on loopback; 1500 if unknown. */
  static int interfaceMtu(InetAddress address) {
    try {
      NetworkInterface itf = NetworkInterface.getByInetAddress(address);
      if (itf != null) return itf.getMTU();
      if (address.isLoopbackAddress()) {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        return lo != null ? lo.getMTU() : 65_536;
      }
    } catch (IOException e) {
      log.debug("MTU of {}", address, e);
    }
    return 1500;
  }

  /** Starts a forwarder on a given underlay transport (benchmarks and tests). */
  public static Forwarder start(ForwarderConfig config, UnderlayTransport underlay) {
    return new Forwarder(config, underlay);
  }

  /** Encapsulations this forwarder can send (MPLSoGRE only when the raw socket opened). */
  public java.util.Set<Encapsulation> supportedEncapsulations() {
    return underlay == null ? java.util.Set.of() : underlay.supported();
  }

  // ---- VRFs ----------------------------------------------------------------------------

  /** Creates a VRF (idempotent); returns its id, the one flow keys carry. */
  public int addVrf(String name) {
    synchronized (lock) {
      Vrf v = vrfs.get(name);
      if (v != null) return v.id();
      v = new Vrf(name, nextVrfId++);
      vrfs.put(name, v);
      vrfsById.put(v.id(), v);
      reconcileVrf(name);
      return v.id();
    }
  }

  public void removeVrf(String name) {
    synchronized (lock) {
      Vrf v = vrfs.remove(name);
      if (v == null) return;
      vrfsById.remove(v.id());
      reconcileVrf(name);
    }
  }

  public Optional<Integer> vrfId(String name) {
    synchronized (lock) {
      return Optional.ofNullable(vrfs.get(name)).map(Vrf::id);
    }
  }

  // ---- ports ---------------------------------------------------------------------------

  /**
   * Attaches a port and starts its packet loop. The forwarder owns {@code backend} from now
   * on and closes it in {@link #removePort}. PENDING until the port's VRF exists.
   */
  public ObjectState addPort(PortSpec spec, PortBackend backend) {
    synchronized (lock) {
      if (ports.containsKey(spec.name())) throw new IllegalArgumentException("port " + spec.name() + " exists");
      Port p = new Port(spec, backend);
      ports.put(spec.name(), p);
      portsByVrf.add(spec.vrf(), spec.name());
      portLoops.put(spec.name(), Thread.ofPlatform().name("port-" + spec.name()).daemon().start(() -> portLoop(p)));
      reconcilePort(spec.name());
      return p.vrf() == null ? ObjectState.PENDING : ObjectState.ACTIVE;
    }
  }

  public void removePort(String name) {
    Thread loop;
    Port p;
    synchronized (lock) {
      p = ports.remove(name);
      loop = portLoops.remove(name);
      if (p == null) return;
      portsByVrf.remove(p.spec().vrf(), name);
      p.vrf(null);
      reconcilePort(name);
    }
    p.backend().close();
    join(loop);
  }

  public Optional<ObjectState> portState(String name) {
    Port p = ports.get(name);
    return p == null ? Optional.empty() : Optional.of(p.vrf() == null ? ObjectState.PENDING : ObjectState.ACTIVE);
  }

  /** Sends a frame the agent built (ARP reply, DHCP offer...) out of a port. */
  public void sendToPort(String port, byte[] frame) throws IOException {
    Port p = ports.get(port);
    if (p == null) throw new IOException("no port " + port);
    int h = p.backend().vnetHeaderLength();
    if (h == 0) {
      p.backend().send(ByteBuffer.wrap(frame));
    } else { // a zero virtio-net header: the agent's frames carry complete checksums
      ByteBuffer b = ByteBuffer.allocate(h + frame.length);
      b.put(h, frame);
      p.backend().send(b);
    }
    p.counters.tx(frame.length);
  }

  private void portLoop(Port p) {
    Pipeline.Context c = pipeline.newContext();
    ByteBuffer buf = ByteBuffer.allocateDirect(Pipeline.PORT_BUFFER);
    int h = p.backend().vnetHeaderLength();
    while (running) {
      buf.limit(buf.capacity()).position(Pipeline.HEADROOM);
      int n;
      try {
        n = p.backend().receive(buf, POLL_MILLIS);
      } catch (IOException | RuntimeException e) {
        if (!running || !ports.containsKey(p.name())) return;
        global.drop(DropReason.MALFORMED);
        log.debug("port {} receive failed", p.name(), e);
        // Reads no longer wait in poll() first: a failing fd must not make this loop spin.
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        continue;
      }
      if (n < 0) return;
      if (n > h && h == 0) {
        pipeline.fromPort(c, p, buf, Pipeline.HEADROOM, Pipeline.HEADROOM + n);
      } else if (n > h) {
        VirtioNetHeader vh = VirtioNetHeader.decode(buf, Pipeline.HEADROOM).orElse(null);
        if (vh == null) {
          p.counters.drop(DropReason.MALFORMED);
          global.drop(DropReason.MALFORMED);
        } else {
          pipeline.fromPort(c, p, buf, Pipeline.HEADROOM + h, Pipeline.HEADROOM + n, vh);
        }
      }
    }
  }

  // ---- routes, MACs, labels, VNIs --------------------------------------------------------

  /** Adds or replaces a route in a VRF's FIB; returns its state after reconciliation. */
  public ObjectState addRoute(String vrf, IpPrefix prefix, NextHop nextHop) {
    synchronized (lock) {
      Intent<NextHop> i = new Intent<>(nextHop);
      Intent<NextHop> old = routes.computeIfAbsent(vrf, k -> new HashMap<>()).put(prefix, i);
      track(new RouteEntry(vrf, prefix), old, nextHop);
      resolveRoute(vrf, prefix, i);
      return i.state;
    }
  }

  public void removeRoute(String vrf, IpPrefix prefix) {
    synchronized (lock) {
      Map<IpPrefix, Intent<NextHop>> m = routes.get(vrf);
      Intent<NextHop> old = m == null ? null : m.remove(prefix);
      if (old == null) return;
      track(new RouteEntry(vrf, prefix), old, null);
      Vrf v = vrfs.get(vrf);
      if (v != null) v.fib.remove(keyHi(prefix), keyLo(prefix), keyLength(prefix));
    }
  }

  /** Adds or replaces a MAC entry (the L2 table) in a VRF. */
  public ObjectState addMac(String vrf, MacAddress mac, NextHop nextHop) {
    synchronized (lock) {
      Intent<NextHop> i = new Intent<>(nextHop);
      Intent<NextHop> old = macs.computeIfAbsent(vrf, k -> new HashMap<>()).put(mac, i);
      track(new MacEntry(vrf, mac), old, nextHop);
      resolveMac(vrf, mac, i);
      return i.state;
    }
  }

  public void removeMac(String vrf, MacAddress mac) {
    synchronized (lock) {
      Map<MacAddress, Intent<NextHop>> m = macs.get(vrf);
      Intent<NextHop> old = m == null ? null : m.remove(mac);
      if (old == null) return;
      track(new MacEntry(vrf, mac), old, null);
      Vrf v = vrfs.get(vrf);
      if (v != null) v.macs.remove(mac.bits());
    }
  }

  /** Binds an MPLS label (received in MPLSoUDP/MPLSoGRE) to a local port. */
  public ObjectState addLabel(int label, String port, LabelPayload payload) {
    if (label < 0 || label > 0xfffff) throw new IllegalArgumentException("label " + label);
    synchronized (lock) {
      Intent<LabelIntent> i = new Intent<>(new LabelIntent(port, payload));
      Intent<LabelIntent> old = labels.put(label, i);
      if (old != null) labelsByPort.remove(old.target.port(), label);
      labelsByPort.add(port, label);
      resolveLabel(label, i);
      return i.state;
    }
  }

  public void removeLabel(int label) {
    synchronized (lock) {
      Intent<LabelIntent> old = labels.remove(label);
      if (old != null) labelsByPort.remove(old.target.port(), label);
      labelTable.remove(label);
    }
  }

  /** Binds a VXLAN VNI (received) to a VRF, where the inner frame is switched or routed. */
  public ObjectState addVni(int vni, String vrf) {
    if (vni < 0 || vni > 0xffffff) throw new IllegalArgumentException("VNI " + vni);
    synchronized (lock) {
      Intent<String> i = new Intent<>(vrf);
      Intent<String> old = vnis.put(vni, i);
      if (old != null) vnisByVrf.remove(old.target, vni);
      vnisByVrf.add(vrf, vni);
      resolveVni(vni, i);
      return i.state;
    }
  }

  public void removeVni(int vni) {
    synchronized (lock) {
      Intent<String> old = vnis.remove(vni);
      if (old != null) vnisByVrf.remove(old.target, vni);
      vniTable.remove(vni);
    }
  }

  // ---- reconciliation (under lock) -----------------------------------------------------

  /** Re-resolves what depends on VRF {@code name}: its ports, routes and MAC entries, and the VNIs bound to it. */
  private void reconcileVrf(String name) {
    Vrf v = vrfs.get(name);
    for (String port : portsByVrf.of(name)) {
      Port p = ports.get(port);
      if (p != null) p.vrf(v); // none after close(), which drops the ports without unindexing them
    }
    routes.getOrDefault(name, Map.of()).forEach((prefix, i) -> resolveRoute(name, prefix, i));
    macs.getOrDefault(name, Map.of()).forEach((mac, i) -> resolveMac(name, mac, i));
    for (int vni : vnisByVrf.of(name)) resolveVni(vni, vnis.get(vni));
  }

  /**
   * Re-resolves what depends on port {@code name}: its VRF binding, the labels delivered to
   * it, and the routes and MAC entries whose next hop (or an ECMP member of it) is the port.
   */
  private void reconcilePort(String name) {
    Port p = ports.get(name);
    if (p != null) p.vrf(vrfs.get(p.spec().vrf()));
    for (int label : labelsByPort.of(name)) resolveLabel(label, labels.get(label));
    for (Entry e : nextHopsByPort.of(name)) {
      switch (e) {
        case RouteEntry r -> resolveRoute(r.vrf(), r.prefix(), routes.get(r.vrf()).get(r.prefix()));
        case MacEntry m -> resolveMac(m.vrf(), m.mac(), macs.get(m.vrf()).get(m.mac()));
      }
    }
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

  /** Every port re-bound and every intent re-resolved: the reference incremental reconciliation must equal. */
  void reconcileAllForTest() {
    synchronized (lock) {
      for (Port p : ports.values()) p.vrf(vrfs.get(p.spec().vrf()));
      routes.forEach((vrf, m) -> m.forEach((prefix, i) -> resolveRoute(vrf, prefix, i)));
      macs.forEach((vrf, m) -> m.forEach((mac, i) -> resolveMac(vrf, mac, i)));
      labels.forEach(this::resolveLabel);
      vnis.forEach(this::resolveVni);
    }
  }

  long resolutionsForTest() {
    synchronized (lock) {
      return resolutions;
    }
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

  // ---- flows ---------------------------------------------------------------------------

  public void setAgentListener(AgentListener listener) {
    this.listener = listener;
  }

  /**
   * Installs the agent's decision for a flow and its reverse, and re-runs the packets that
   * were held (on this thread). Also valid without a prior miss (a pre-installed flow).
   */
  public void installFlow(FlowDecision d) {
    List<FlowTable.Held> held = flows.install(d.forward(), d.reverse(), d.action(), d.mirrorPort().orElse(null),
        d.rule(), "agent", config.clock().getAsLong());
    if (held.isEmpty()) return;
    Pipeline.Context c = pipeline.newContext();
    for (FlowTable.Held h : held) {
      ByteBuffer buf = ByteBuffer.allocateDirect(Pipeline.HEADROOM + h.packet().length);
      buf.put(Pipeline.HEADROOM, h.packet());
      int end = Pipeline.HEADROOM + h.packet().length;
      if (h.ingress().startsWith("underlay:")) {
        pipeline.fromUnderlay(c, Encapsulation.valueOf(h.ingress().substring(9)), buf, Pipeline.HEADROOM, end);
      } else {
        Port p = ports.get(h.ingress());
        if (p != null) pipeline.fromPort(c, p, buf, Pipeline.HEADROOM, end);
      }
    }
  }

  /** Removes a flow and its reverse. */
  public void removeFlow(FlowKey key) {
    flows.remove(key);
  }

  /** Sweeps idle flows now (the aging thread calls this; tests with an injected clock do). */
  public int ageFlows() {
    FlowTable.AgingResult r = flows.age(config.clock().getAsLong());
    for (int k = 0; k < r.heldDropped(); k++) global.drop(DropReason.HOLD_TIMEOUT);
    return r.removed();
  }

  public List<FlowSnapshot> flows() {
    List<FlowSnapshot> out = new ArrayList<>();
    for (FlowEntry e : flows.entries()) {
      Vrf v = vrfsById.get(e.key().vrf());
      FlowEntry r = e.reverse();
      out.add(new FlowSnapshot(e.key(), v == null ? "?" : v.name(), e.ingress(), e.action(),
          Optional.ofNullable(r).map(FlowEntry::key), e.packets(), e.bytes(), e.created(), e.lastUsed(), e.closing(),
          e.ecmpIndex(), e.rule()));
    }
    return out;
  }

  public Optional<FlowSnapshot> flow(FlowKey key) {
    return flows().stream().filter(f -> f.key().equals(key)).findFirst();
  }

  // ---- introspection -------------------------------------------------------------------

  public CounterSnapshot counters() {
    return snapshot(global);
  }

  public CounterSnapshot underlayCounters() {
    return snapshot(underlayCounters);
  }

  public Optional<CounterSnapshot> portCounters(String port) {
    return Optional.ofNullable(ports.get(port)).map(p -> snapshot(p.counters));
  }

  public Optional<CounterSnapshot> vrfCounters(String vrf) {
    synchronized (lock) {
      return Optional.ofNullable(vrfs.get(vrf)).map(v -> snapshot(v.counters));
    }
  }

  /** Every pushed object with its state: routes, MAC entries, labels, VNIs, ports. */
  public List<RouteStatus> status() {
    synchronized (lock) {
      List<RouteStatus> out = new ArrayList<>();
      ports.forEach((n, p) -> out.add(new RouteStatus("port", n, "vrf " + p.spec().vrf(),
          p.vrf() == null ? ObjectState.PENDING : ObjectState.ACTIVE, p.vrf() == null ? "vrf " + p.spec().vrf() + " absent" : "")));
      routes.forEach((vrf, m) -> m.forEach((pfx, i) -> out.add(new RouteStatus("route " + vrf, pfx.toString(),
          i.target.toString(), i.state, i.reason))));
      macs.forEach((vrf, m) -> m.forEach((mac, i) -> out.add(new RouteStatus("mac " + vrf, mac.toString(),
          i.target.toString(), i.state, i.reason))));
      labels.forEach((l, i) -> out.add(new RouteStatus("label", Integer.toString(l), i.target.toString(), i.state, i.reason)));
      vnis.forEach((v, i) -> out.add(new RouteStatus("vni", Integer.toString(v), i.target, i.state, i.reason)));
      return out;
    }
  }

  public Optional<ObjectState> routeState(String vrf, IpPrefix prefix) {
    synchronized (lock) {
      return Optional.ofNullable(routes.getOrDefault(vrf, Map.of()).get(prefix)).map(i -> i.state);
    }
  }

  private static CounterSnapshot snapshot(Counters c) {
    return new CounterSnapshot(c.rxPackets.sum(), c.rxBytes.sum(), c.txPackets.sum(), c.txBytes.sum(), c.dropsByReason());
  }

  /** The pipeline and a port, for in-process benchmarks in this package. */
  Pipeline pipeline() {
    return pipeline;
  }

  Port port(String name) {
    return ports.get(name);
  }

  /** The data-path tables, for tests in this package that compare them. */
  Vrf vrf(String name) {
    synchronized (lock) {
      return vrfs.get(name);
    }
  }

  Map<Integer, Pipeline.LabelTarget> labelTable() {
    return java.util.Collections.unmodifiableMap(labelTable);
  }

  Map<Integer, Vrf> vniTable() {
    return java.util.Collections.unmodifiableMap(vniTable);
  }

  // ---- agent events and lifecycle --------------------------------------------------------

  private void offer(AgentEvent e) {
    if (!events.offer(e)) global.drop(DropReason.AGENT_QUEUE_FULL);
  }

  private void dispatch() {
    while (running) {
      AgentEvent e;
      try {
        e = events.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ie) {
        return;
      }
      AgentListener l = listener;
      if (e == null || l == null) continue;
      try {
        switch (e) {
          case FlowMiss m -> l.onFlowMiss(m);
          case TrappedPacket t -> l.onTrappedPacket(t);
        }
      } catch (RuntimeException ex) {
        log.warn("agent listener failed on {}", e, ex);
      }
    }
  }

  private void agingLoop() {
    long sleep = Math.max(1, config.agingInterval().toMillis());
    while (running) {
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        return;
      }
      try {
        ageFlows();
      } catch (RuntimeException e) {
        log.warn("flow aging failed", e);
      }
    }
  }

  @Override
  public void close() {
    List<Port> all;
    List<Thread> loops;
    synchronized (lock) {
      if (!running) return;
      running = false;
      all = List.copyOf(ports.values());
      loops = List.copyOf(portLoops.values());
      ports.clear();
      portLoops.clear();
    }
    for (Port p : all) p.backend().close();
    loops.forEach(Forwarder::join);
    if (underlay != null) underlay.close();
    threads.forEach(Forwarder::join);
  }

  private static void join(Thread t) {
    if (t == null) return;
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
