package io.weft.agent;

import io.weft.agent.controller.Controllers;
import io.weft.agent.dataplane.Dataplane;
import io.weft.agent.flow.FlowDecider;
import io.weft.agent.introspect.AgentMetrics;
import io.weft.agent.oper.ConfigTable;
import io.weft.agent.oper.LabelAllocator;
import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Names;
import io.weft.agent.oper.PortTable;
import io.weft.agent.oper.Route;
import io.weft.agent.oper.TagIds;
import io.weft.agent.oper.VrfTable;
import io.weft.agent.services.Ipv4s;
import io.weft.agent.services.dhcp.DhcpBinding;
import io.weft.agent.services.dns.DnsNames;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vRouter agent's state and its rules: a port announced by the port API is attached
 * (its TAP made by the dataplane) at once and bound when its PortConfig is known — a VRF on
 * demand, a label, local routes, published to the control nodes. Routes from control nodes
 * go to the VRF table and on to the dataplane.
 *
 * <p>Threads: the port API's handler threads and the control sessions' reader threads call
 * in; port binding is serialised on this object's lock; tables are concurrent.
 */
public final class Agent implements AutoCloseable, DnsNames {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final AgentOptions options;
  private final Dataplane dataplane;
  private final PortTable ports = new PortTable();
  private final ConfigTable config = new ConfigTable();
  private final LabelAllocator labels = new LabelAllocator();
  private final TagIds tagIds = new TagIds();
  private final VrfTable vrfs;
  private final FlowDecider flows;
  private final AgentMetrics metrics = new AgentMetrics();
  private volatile Controllers controllers;

  public Agent(AgentOptions options, Dataplane dataplane) {
    this.options = options;
    this.dataplane = dataplane;
    this.vrfs = new VrfTable(new VrfTable.Listener() {
      @Override
      public void vrfAdded(String vrf) {
        RoutingInstanceSpec spec = config.instance(vrf);
        dataplane.addVrf(vrf, spec == null ? 0 : spec.vni());
        Controllers c = controllers;
        if (c != null) c.subscribe(vrf);
      }

      @Override
      public void routeChanged(String vrf, String prefix, Route route) {
        dataplane.setRoute(vrf, prefix, route);
      }
    });
    this.flows = new FlowDecider(this);
    dataplane.attach(this);
  }

  /** Connects to the control nodes (if any); sessions retry in the background. */
  public void start() {
    for (LocalPort p : dataplane.restore()) {
      try {
        addPort(p.uuid(), p.vmUuid(), p.vmName(), p.hostIfName(), p.vmIfName(), p.vmNamespace());
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot re-attach port {} ({}): {}", p.uuid(), p.hostIfName(), e.getMessage());
      }
    }
    if (!options.controls().isEmpty()) {
      controllers = new Controllers(this, options);
      controllers.start();
    }
  }

  public AgentOptions options() {
    return options;
  }

  public PortTable ports() {
    return ports;
  }

  public ConfigTable config() {
    return config;
  }

  public VrfTable vrfs() {
    return vrfs;
  }

  public TagIds tagIds() {
    return tagIds;
  }

  public FlowDecider flows() {
    return flows;
  }

  public AgentMetrics metrics() {
    return metrics;
  }

  public Controllers controllers() {
    return controllers;
  }

  public int labelsInUse() {
    return labels.inUse();
  }

  // ---- ports (port API) ----

  /** A port announced by the port API ({@code POST /vm} or {@code POST /port}). Idempotent per uuid. */
  public LocalPort addPort(String vmiUuid, String vmUuid, String vmName, String hostIfName, String vmIfName, String vmNamespace)
      throws IOException {
    return addPort(vmiUuid, vmUuid, vmName, hostIfName, vmIfName, vmNamespace, false);
  }

  /**
   * As {@link #addPort(String, String, String, String, String, String)}; with {@code inPod} the
   * dataplane may create the device in the pod's namespace {@code vmNamespace} as
   * {@code vmIfName} rather than in the host (see {@link Dataplane#addPortInPod}).
   */
  public synchronized LocalPort addPort(String vmiUuid, String vmUuid, String vmName, String hostIfName, String vmIfName,
      String vmNamespace, boolean inPod) throws IOException {
    LocalPort existing = ports.get(vmiUuid);
    if (existing != null) return existing;
    LocalPort p = new LocalPort(vmiUuid, vmUuid, vmName, hostIfName, vmIfName, vmNamespace, null, null, null, 0);
    if (inPod) dataplane.addPortInPod(p);
    else dataplane.addPort(p);
    ports.put(p);
    bind(p);
    notifyAll();
    return ports.get(vmiUuid);
  }

  /**
   * The config of the port named {@code name} (its port name, {@code <project>__<port>} as the
   * CNI plugin names pods, or its wire name), waiting up to {@code timeoutMs} for the control
   * node to send it; null if it has not come.
   */
  public synchronized ConfigTable.PortEntry awaitConfig(String name, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (true) {
      ConfigTable.PortEntry e = configNamed(name);
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (e != null || left <= 0) return e;
      wait(left);
    }
  }

  /** The port {@code vmiUuid} once bound (ready), waiting up to {@code timeoutMs}; else as it is (null if unknown). */
  public synchronized LocalPort awaitReady(String vmiUuid, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (true) {
      LocalPort p = ports.get(vmiUuid);
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (p == null || p.ready() || left <= 0) return p;
      wait(left);
    }
  }

  /** The config a port API name refers to (see {@link #awaitConfig}), or null. */
  public ConfigTable.PortEntry configNamed(String name) {
    for (ConfigTable.PortEntry e : config.ports()) {
      if (name.equals(e.port()) || name.equals(e.project() + "__" + e.port()) || name.equals(e.name())) return e;
    }
    return null;
  }

  /** Removes a port: withdraws its routes, frees its label, deletes its TAP. Null when unknown. */
  public synchronized LocalPort removePort(String vmiUuid) {
    LocalPort p = ports.remove(vmiUuid);
    if (p == null) return null;
    if (p.ready()) {
      String vrf = vrfOf(p.config());
      for (Route r : localRoutes(p, vrf)) {
        vrfs.removeLocal(vrf, r.prefix());
        Controllers c = controllers;
        if (c != null) c.withdraw(r);
      }
      labels.release(p.label());
    }
    dataplane.removePort(p);
    return p;
  }

  // ---- config (control node) ----

  public synchronized void putPortConfig(ConfigTable.PortEntry e) {
    config.putPort(e);
    learnNames(e.spec());
    for (LocalPort p : ports.all()) {
      if (e.uid() != null && e.uid().equals(p.uuid()) || e.name().equals(p.configName())) {
        if (p.ready()) rebind(p, e);
        else bind(p);
      }
    }
    notifyAll(); // port API calls waiting for this config or for a port to be bound
  }

  public synchronized void removePortConfig(String name) {
    ConfigTable.PortEntry e = config.removePort(name);
    if (e == null) return;
    LocalPort p = ports.byConfigName(name);
    if (p != null && p.ready()) {
      String vrf = vrfOf(p.config());
      for (Route r : localRoutes(p, vrf)) {
        vrfs.removeLocal(vrf, r.prefix());
        Controllers c = controllers;
        if (c != null) c.withdraw(r);
      }
      labels.release(p.label());
      ports.put(p.withConfig(null, null, null, 0));
    }
  }

  public synchronized void putRoutingInstance(String name, RoutingInstanceSpec spec) {
    RoutingInstanceSpec before = config.instance(name);
    config.putInstance(name, spec);
    vrfs.setSpec(name, spec);
    if (vrfs.names().contains(name)) {
      dataplane.addVrf(name, spec.vni());
      // Routes published before the instance was known lack its VNI: publish them again.
      if (before == null || before.vni() != spec.vni()) {
        for (LocalPort p : ports.all()) {
          if (!p.ready() || !name.equals(vrfOf(p.config()))) continue;
          for (Route r : localRoutes(p, name)) {
            vrfs.putLocal(r);
            Controllers c = controllers;
            if (c != null) c.publish(r);
          }
        }
      }
    }
    if (spec.networkPolicy() != null) learnRules(spec.networkPolicy().toString());
  }

  public void removeRoutingInstance(String name) {
    config.removeInstance(name);
    vrfs.setSpec(name, null);
  }

  private void bind(LocalPort p) {
    ConfigTable.PortEntry e = config.portByUid(p.uuid());
    if (e == null && p.vmName() != null) e = findByPortName(p.vmName());
    if (e == null) return;
    PortConfigSpec spec = e.spec();
    long label = labels.allocate();
    LocalPort ready = p.withConfig(e.name(), e.project(), spec, label);
    ports.put(ready);
    String vrf = vrfOf(spec);
    vrfs.ensure(vrf);
    dataplane.portReady(ready);
    for (Route r : localRoutes(ready, vrf)) {
      vrfs.putLocal(r);
      Controllers c = controllers;
      if (c != null) c.publish(r);
    }
    LOG.info("port {} ({}) bound: vrf {}, label {}, {}", e.name(), p.hostIfName(), vrf, label,
        spec.addresses().stream().map(PortConfigSpec.Address::address).toList());
  }

  private void rebind(LocalPort p, ConfigTable.PortEntry e) {
    String oldVrf = vrfOf(p.config());
    List<Route> old = localRoutes(p, oldVrf);
    LocalPort next = p.withConfig(e.name(), e.project(), e.spec(), p.label());
    ports.put(next);
    String vrf = vrfOf(e.spec());
    vrfs.ensure(vrf);
    List<Route> fresh = localRoutes(next, vrf);
    for (Route r : old) {
      if (fresh.stream().noneMatch(f -> f.vrf().equals(r.vrf()) && f.prefix().equals(r.prefix()))) {
        vrfs.removeLocal(r.vrf(), r.prefix());
        Controllers c = controllers;
        if (c != null) c.withdraw(r);
      }
    }
    for (Route r : fresh) {
      vrfs.putLocal(r);
      Controllers c = controllers;
      if (c != null) c.publish(r);
    }
  }

  private ConfigTable.PortEntry findByPortName(String name) {
    for (ConfigTable.PortEntry e : config.ports()) {
      if (name.equals(e.port()) || name.equals(e.project() + "/" + e.port()) || name.equals(e.name())) return e;
    }
    return null;
  }

  /** The VRF of a port config: its routing instance, written {@code project/network} by the compiler. */
  public static String vrfOf(PortConfigSpec spec) {
    String ri = spec.routingInstance();
    if (ri == null && !spec.addresses().isEmpty()) ri = spec.addresses().getFirst().network();
    return ri != null && ri.contains("/") ? Names.vrfOf(ri) : ri;
  }

  List<Route> localRoutes(LocalPort p, String vrf) {
    List<Route> out = new ArrayList<>();
    PortConfigSpec s = p.config();
    for (PortConfigSpec.Address a : s.addresses()) {
      String prefix = a.address() + (a.address().contains(":") ? "/128" : "/32");
      RoutingInstanceSpec ri = config.instance(vrf);
      out.add(new Route(vrf, prefix, options.underlay(), p.label(), ri == null ? 0 : ri.vni(), options.encapsulations(),
          Names.vnOf(a.network()), s.macAddress(), s.tags(), s.securityGroups(), p.uuid()));
    }
    return out;
  }

  private void learnNames(PortConfigSpec spec) {
    for (String t : spec.tags()) tagIds.learnTag(t);
    for (String g : spec.securityGroups()) tagIds.learnGroup(g);
    if (spec.policy() != null) learnRules(spec.policy().toString());
  }

  /** Learns every {@code type=value} tag and {@code project/name} group a compiled rule list mentions. */
  private void learnRules(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(application|tier|deployment|site|label)=[A-Za-z0-9_.:-]+").matcher(text);
    while (m.find()) tagIds.learnTag(m.group());
  }

  // ---- services ----

  /** The DHCP binding of a ready port, or null (l2-only networks without a gateway still get an address). */
  public DhcpBinding dhcpBinding(LocalPort p) {
    PortConfigSpec.Address a = p.primary();
    if (a == null || a.address().contains(":")) return null;
    int gw = a.gateway() == null ? 0 : Ipv4s.parse(a.gateway());
    int dns = a.dnsServer() == null ? 0 : Ipv4s.parse(a.dnsServer());
    String name = p.config().port();
    return new DhcpBinding(Ipv4s.parse(a.address()), a.prefixLength(), gw, gw != 0 ? gw : dns, dns == 0 ? List.of() : List.of(dns),
        options.domain(), options.mtu(), 0, name == null ? null : name.replace('/', '-'));
  }

  @Override
  public List<String> addressesOf(String port, String project) {
    ConfigTable.PortEntry e = config.port(Names.portConfigName(project, port));
    if (e == null) return List.of();
    return e.spec().addresses().stream().map(PortConfigSpec.Address::address).toList();
  }

  @Override
  public String nameOf(String address) {
    java.net.InetAddress wanted = java.net.InetAddress.ofLiteral(address); // IPv6 has many spellings
    for (ConfigTable.PortEntry e : config.ports()) {
      for (PortConfigSpec.Address a : e.spec().addresses()) {
        if (java.net.InetAddress.ofLiteral(a.address()).equals(wanted)) return e.port() + "." + e.project();
      }
    }
    return null;
  }

  @Override
  public void close() {
    Controllers c = controllers;
    if (c != null) c.close();
    dataplane.close();
  }
}
