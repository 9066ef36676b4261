package io.weft.agent.dataplane;

import io.weft.agent.Agent;
import io.weft.agent.flow.FlowRecord;
import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Route;
import io.weft.agent.services.dns.DnsResponder;
import io.weft.agent.services.dns.UdpUpstream;
import io.weft.forwarder.AgentListener;
import io.weft.forwarder.Encapsulation;
import io.weft.forwarder.FlowDecision;
import io.weft.forwarder.FlowKey;
import io.weft.forwarder.FlowMiss;
import io.weft.forwarder.Forwarder;
import io.weft.forwarder.IpPrefix;
import io.weft.forwarder.LabelPayload;
import io.weft.forwarder.NextHop;
import io.weft.forwarder.PortSpec;
import io.weft.forwarder.TrappedPacket;
import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.port.TapBackend;
import io.weft.model.derived.PortConfigSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's dataplane on the userspace forwarder (weft-forwarder): what the agent knows
 * becomes forwarder objects —
 * <ul>
 *   <li>a port: a persistent TAP device opened by the forwarder at {@code POST /vm} (the CNI
 *       plugin then moves it into the pod), attached to its VRF once bound;</li>
 *   <li>a routing instance: a VRF, and its VNI in the VNI table;</li>
 *   <li>a local route: /32 → Interface next hop, the port's MAC → Interface, its label → the
 *       port (IP payload); the subnet's gateway and DNS addresses → Receive;</li>
 *   <li>a remote route: /32 → Tunnel to the host's underlay address with its label, VNI and
 *       encapsulations.</li>
 * </ul>
 * A flow miss is decided by the agent's {@link io.weft.agent.flow.FlowDecider} (the one
 * policy evaluator) and installed forward + reverse; a denied flow is installed as DROP
 * naming its rule. Trapped ARP, DHCP and service-address packets go to {@link PacketServices}.
 *
 * <p>Threads: agent calls arrive on the port API and control-session threads; the forwarder
 * serialises its control calls. Flow misses and traps arrive on the forwarder's single
 * agent-dispatch thread.
 */
public final class ForwarderDataplane implements Dataplane {
  private static final Logger LOG = LoggerFactory.getLogger(ForwarderDataplane.class);

  private final Forwarder forwarder;
  private final PortStore store;
  private final Map<String, TapBackend> taps = new ConcurrentHashMap<>();
  private final Map<String, String> tapOfPort = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> serviceAddresses = new ConcurrentHashMap<>();
  private final Map<String, Long> vnis = new ConcurrentHashMap<>();
  private final Set<String> restoring = ConcurrentHashMap.newKeySet();
  private final Map<String, MacAddress> remoteMacs = new ConcurrentHashMap<>();
  private volatile Agent agent;
  private volatile PacketServices services;

  /**
   * @param forwarder a started forwarder; this dataplane owns and closes it
   * @param stateDir where announced ports are recorded for a restart; null: not recorded
   */
  public ForwarderDataplane(Forwarder forwarder, Path stateDir) {
    this.forwarder = forwarder;
    this.store = stateDir == null ? null : new PortStore(stateDir.resolve("ports"));
  }

  /** Encapsulation names as the agent publishes them ({@code udp}, {@code gre}, {@code vxlan}), in order. */
  public static List<Encapsulation> encapsulations(List<String> names) {
    List<Encapsulation> out = new ArrayList<>();
    for (String n : names) {
      Encapsulation e = encapsulation(n);
      if (e != null && !out.contains(e)) out.add(e);
    }
    return out;
  }

  private static Encapsulation encapsulation(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "udp", "mplsoudp" -> Encapsulation.MPLS_UDP;
      case "gre", "mplsogre" -> Encapsulation.MPLS_GRE;
      case "vxlan" -> Encapsulation.VXLAN;
      default -> null;
    };
  }

  public Forwarder forwarder() {
    return forwarder;
  }

  @Override
  public void attach(Agent agent) {
    this.agent = agent;
    DnsResponder dns = new DnsResponder(agent.options().domain(), agent,
        new UdpUpstream(agent.options().controlDns(), DnsResponder.CONTROL_NODE_TIMEOUT),
        UdpUpstream.fromResolvConf(Path.of("/etc/resolv.conf"), Duration.ofSeconds(2)));
    this.services = new PacketServices(agent, dns, (vrf, a) -> serviceAddresses.getOrDefault(vrf, Set.of()).contains(a),
        this::send);
    forwarder.setAgentListener(new AgentListener() {
      @Override
      public void onFlowMiss(FlowMiss miss) {
        decide(miss);
      }

      @Override
      public void onTrappedPacket(TrappedPacket packet) {
        PacketServices s = services;
        if (s != null) s.handle(packet);
      }
    });
  }

  @Override
  public List<LocalPort> restore() {
    if (store == null) return List.of();
    List<LocalPort> ports = store.load();
    for (LocalPort p : ports) restoring.add(p.uuid());
    return ports;
  }

  // ---- ports ----

  @Override
  public void addPort(LocalPort port) throws IOException {
    if (tapOfPort.containsKey(port.uuid())) return;
    String name = port.hostIfName();
    TapBackend tap;
    if (restoring.remove(port.uuid()) && !Files.exists(Path.of("/sys/class/net", name)) && inPod(port)) {
      // A restart: the TAP lives in the pod under its pod-side name; re-open it there.
      tap = Netns.in(port.vmNamespace(), () -> TapBackend.open(port.vmIfName(), true));
      LOG.info("re-opened TAP of port {} as {} in {}", port.uuid(), port.vmIfName(), port.vmNamespace());
    } else {
      tap = TapBackend.open(name, true);
    }
    if (Files.exists(Path.of("/sys/class/net", name))) PodInterfaces.up(name); // rtnetlink, no fork: on every CNI ADD
    track(port, name, tap);
  }

  /**
   * The TAP opened from a thread inside the pod, so the kernel creates it there: TUNSETIFF
   * registers the device in the namespace /dev/net/tun was opened in. Its fd works from any
   * thread. Restored ports, and ports whose host device exists already, go the host way.
   */
  @Override
  public boolean addPortInPod(LocalPort port) throws IOException {
    String name = port.hostIfName();
    if (tapOfPort.containsKey(port.uuid()) || restoring.contains(port.uuid()) || port.vmNamespace() == null
        || port.vmIfName() == null || Files.exists(Path.of("/sys/class/net", name))) {
      addPort(port);
      return false;
    }
    track(port, name, Netns.in(port.vmNamespace(), () -> TapBackend.open(port.vmIfName(), true)));
    return true;
  }

  /** The port's TAP is open: serve it under the port's host name and remember the port across restarts. */
  private void track(LocalPort port, String name, TapBackend tap) {
    taps.put(name, tap);
    tapOfPort.put(port.uuid(), name);
    if (store != null) store.save(port);
  }

  /** Whether the port's pod namespace still holds its interface. */
  private static boolean inPod(LocalPort p) {
    if (p.vmNamespace() == null || p.vmIfName() == null || !Files.exists(Path.of(p.vmNamespace()))) return false;
    try {
      KernelTaps.run(List.of("nsenter", "--net=" + p.vmNamespace(), "ip", "link", "show", "dev", p.vmIfName()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void portReady(LocalPort port) {
    String name = tapOfPort.get(port.uuid());
    TapBackend tap = name == null ? null : taps.remove(name);
    PortConfigSpec c = port.config();
    String vrf = Agent.vrfOf(c);
    forwarder.addVrf(vrf);
    for (PortConfigSpec.Address a : c.addresses()) {
      for (String service : new String[] {a.gateway(), a.dnsServer()}) {
        if (service == null || service.isEmpty()) continue;
        if (serviceAddresses.computeIfAbsent(vrf, k -> ConcurrentHashMap.newKeySet()).add(service)) {
          forwarder.addRoute(vrf, IpPrefix.host(InetAddress.ofLiteral(service)), new NextHop.Receive());
        }
      }
    }
    if (tap == null) return; // re-bound after a config change: the forwarder has the port already
    List<InetAddress> addrs = c.addresses().stream().map(a -> InetAddress.ofLiteral(a.address())).toList();
    forwarder.addPort(new PortSpec(name, MacAddress.parse(c.macAddress()), vrf, addrs, !c.policyDisabled()), tap);
  }

  @Override
  public void removePort(LocalPort port) {
    String name = tapOfPort.remove(port.uuid());
    if (name == null) return;
    if (store != null) store.remove(port.uuid());
    TapBackend unattached = taps.remove(name);
    try {
      if (unattached != null) {
        unattached.unpersist();
        unattached.close();
      } else {
        forwarder.removePort(name);
      }
    } catch (IOException e) {
      LOG.debug("TAP {}: {}", name, e.getMessage());
    }
    try { // a TAP never moved into a pod would outlive us (it is persistent)
      if (Files.exists(Path.of("/sys/class/net", name))) KernelTaps.run(List.of("ip", "link", "del", "dev", name));
    } catch (IOException e) {
      LOG.debug("TAP {} gone already: {}", name, e.getMessage());
    }
  }

  // ---- VRFs and routes ----

  @Override
  public void addVrf(String vrf, long vni) {
    forwarder.addVrf(vrf);
    if (vni > 0 && !Long.valueOf(vni).equals(vnis.put(vrf, vni))) forwarder.addVni((int) vni, vrf);
  }

  @Override
  public void setRoute(String vrf, String prefix, Route route) {
    IpPrefix p = IpPrefix.parse(prefix);
    if (route == null) {
      forwarder.removeRoute(vrf, p);
      MacAddress mac = remoteMacs.remove(vrf + " " + prefix);
      if (mac != null) forwarder.removeMac(vrf, mac);
      return;
    }
    forwarder.addVrf(vrf);
    if (route.local()) {
      String tap = tapOfPort.get(route.localPort());
      if (tap == null) return;
      forwarder.addRoute(vrf, p, new NextHop.Interface(tap));
      if (route.mac() != null) forwarder.addMac(vrf, MacAddress.parse(route.mac()), new NextHop.Interface(tap));
      if (route.label() > 0) forwarder.addLabel((int) route.label(), tap, LabelPayload.IP);
      if (route.vni() > 0) addVrf(vrf, route.vni());
      return;
    }
    // Remote (tunnel) and leaked local (interface) next hops; several make an ECMP set, whose
    // member the forwarder picks on a flow's first packet and keeps for the flow.
    List<NextHop> members = new ArrayList<>();
    for (Route.Hop h : route.members()) {
      if (h.localPort() != null) {
        String tap = tapOfPort.get(h.localPort());
        if (tap != null) members.add(new NextHop.Interface(tap));
        continue;
      }
      Set<Encapsulation> encaps = EnumSet.noneOf(Encapsulation.class);
      encaps.addAll(encapsulations(h.encapsulations()));
      members.add(new NextHop.Tunnel(InetAddress.ofLiteral(h.nextHop()), (int) h.label(), (int) h.vni(), encaps));
    }
    if (members.isEmpty()) {
      forwarder.removeRoute(vrf, p);
      return;
    }
    NextHop hop = members.size() == 1 ? members.getFirst() : new NextHop.Ecmp(members);
    forwarder.addRoute(vrf, p, hop);
    // The endpoint's MAC too, so frames addressed to it (not to the gateway) are bridged in l2/l2l3 networks.
    // Bridged frames carry Ethernet, which only VXLAN does here (a port's MPLS label carries IP).
    if (route.mac() == null || route.mac().isEmpty() || members.size() != 1) return;
    NextHop l2 = switch (hop) {
      case NextHop.Tunnel t when t.vni() > 0 && t.encapsulations().contains(Encapsulation.VXLAN) ->
          new NextHop.Tunnel(t.remote(), t.label(), t.vni(), EnumSet.of(Encapsulation.VXLAN));
      case NextHop.Interface i -> i;
      default -> null;
    };
    if (l2 == null) return;
    MacAddress mac = MacAddress.parse(route.mac());
    forwarder.addMac(vrf, mac, l2);
    remoteMacs.put(vrf + " " + prefix, mac);
  }

  // ---- flows and service frames ----

  private void decide(FlowMiss miss) {
    Agent a = agent;
    if (a == null) return;
    FlowKey k = miss.key();
    String src = k.source().getHostAddress();
    String dst = k.destination().getHostAddress();
    Set<String> service = serviceAddresses.getOrDefault(miss.vrf(), Set.of());
    if (service.contains(dst) || service.contains(src)) { // the vRouter's own DHCP/DNS/gateway services
      forwarder.installFlow(FlowDecision.forward(k, "vrouter service"));
      return;
    }
    FlowRecord r = a.flows().decide(miss.vrf(), src, dst, k.protocol(), k.srcPort(), k.dstPort());
    if (r.allowed()) forwarder.installFlow(FlowDecision.forward(k, r.reason()));
    else forwarder.installFlow(FlowDecision.drop(k, r.rule() == null ? r.reason() : r.kind() + " " + r.rule()));
  }

  private void send(String port, byte[] frame) {
    try {
      forwarder.sendToPort(port, frame);
    } catch (IOException e) {
      LOG.debug("cannot send to {}: {}", port, e.getMessage());
    }
  }

  /** ARP, DHCP and DNS answers given so far (introspection and tests). */
  public Map<String, Long> serviceCounters() {
    PacketServices s = services;
    if (s == null) return Map.of();
    return Map.of("arpAnswered", s.arpAnswered.sum(), "arpDropped", s.arpDropped.sum(), "dhcpAnswered", s.dhcpAnswered.sum(),
        "dnsAnswered", s.dnsAnswered.sum());
  }

  /** Closes the forwarder; TAP devices stay (persistent) so a restarted agent finds its pods' ports. */
  @Override
  public void close() {
    for (TapBackend t : taps.values()) t.close();
    taps.clear();
    forwarder.close();
  }
}
