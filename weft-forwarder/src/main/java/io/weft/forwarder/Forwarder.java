package io.weft.forwarder;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.packet.VirtioNetHeader;
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
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
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
 * <p>Adding or removing a VRF or a port re-resolves only what depends on it ({@link Intents}
 * keeps the indexes): with thousands of ports and remote routes on a host, a pod's port
 * must not cost a pass over every route.
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
  private final Dependents<String> portsByVrf = new Dependents<>(); // so a VRF re-binds its ports only
  private final Intents intents;
  private int nextVrfId = 1;

  private Forwarder(ForwarderConfig config, UnderlayTransport underlay) {
    this.config = config;
    this.underlay = underlay;
    this.intents = new Intents(vrfs, ports, labelTable, vniTable, config, underlay);
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
      return intents.addRoute(vrf, prefix, nextHop);
    }
  }

  public void removeRoute(String vrf, IpPrefix prefix) {
    synchronized (lock) {
      intents.removeRoute(vrf, prefix);
    }
  }

  /** Adds or replaces a MAC entry (the L2 table) in a VRF. */
  public ObjectState addMac(String vrf, MacAddress mac, NextHop nextHop) {
    synchronized (lock) {
      return intents.addMac(vrf, mac, nextHop);
    }
  }

  public void removeMac(String vrf, MacAddress mac) {
    synchronized (lock) {
      intents.removeMac(vrf, mac);
    }
  }

  /** Binds an MPLS label (received in MPLSoUDP/MPLSoGRE) to a local port. */
  public ObjectState addLabel(int label, String port, LabelPayload payload) {
    if (label < 0 || label > 0xfffff) throw new IllegalArgumentException("label " + label);
    synchronized (lock) {
      return intents.addLabel(label, port, payload);
    }
  }

  public void removeLabel(int label) {
    synchronized (lock) {
      intents.removeLabel(label);
    }
  }

  /** Binds a VXLAN VNI (received) to a VRF, where the inner frame is switched or routed. */
  public ObjectState addVni(int vni, String vrf) {
    if (vni < 0 || vni > 0xffffff) throw new IllegalArgumentException("VNI " + vni);
    synchronized (lock) {
      return intents.addVni(vni, vrf);
    }
  }

  public void removeVni(int vni) {
    synchronized (lock) {
      intents.removeVni(vni);
    }
  }

  // ---- reconciliation (under lock) -----------------------------------------------------

  /** VRF {@code name} came or went: re-binds the ports in it and re-resolves what refers to it. */
  private void reconcileVrf(String name) {
    Vrf v = vrfs.get(name);
    for (String port : portsByVrf.of(name)) {
      Port p = ports.get(port);
      if (p != null) p.vrf(v); // none after close(), which drops the ports without unindexing them
    }
    intents.vrfChanged(name);
  }

  /** Port {@code name} came or went: binds it to its VRF and re-resolves what refers to it. */
  private void reconcilePort(String name) {
    Port p = ports.get(name);
    if (p != null) p.vrf(vrfs.get(p.spec().vrf()));
    intents.portChanged(name);
  }

  /** Every port re-bound and every object re-resolved: the reference incremental reconciliation must equal. */
  void reconcileAllForTest() {
    synchronized (lock) {
      for (Port p : ports.values()) p.vrf(vrfs.get(p.spec().vrf()));
      intents.resolveAll();
    }
  }

  long resolutionsForTest() {
    synchronized (lock) {
      return intents.resolutions();
    }
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
      intents.status(out);
      return out;
    }
  }

  public Optional<ObjectState> routeState(String vrf, IpPrefix prefix) {
    synchronized (lock) {
      return intents.routeState(vrf, prefix);
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
