package io.weft.control.bgp;

import io.weft.bgp.peer.AdjRibOut;
import io.weft.bgp.peer.BgpPeer;
import io.weft.bgp.peer.BgpSpeaker;
import io.weft.bgp.peer.PeerConfig;
import io.weft.bgp.peer.PeerEvent;
import io.weft.bgp.peer.Route;
import io.weft.bgp.peer.SpeakerConfig;
import io.weft.bgp.session.GracefulRestartConfig;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.ClusterList;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.OriginatorId;
import io.weft.bgp.wire.PathAttribute;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.RouteTargetMembership;
import io.weft.bgp.wire.VpnPrefix;
import io.weft.bgp.wire.EvpnRoute;
import io.weft.control.peer.UpdateQueue;
import io.weft.control.rib.Path;
import io.weft.control.rib.Rib;
import io.weft.control.rib.RibSubscriber;
import io.weft.control.rib.RouteKey;
import io.weft.model.derived.RoutingInstanceSpec;
import io.weft.model.spec.BgpRouterSpec;
import io.weft.xmpp.message.RouteEntry;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BGP in the control node. It keeps the speaker and its sessions as the BgpRouter resources
 * say ({@link BgpPlan}), subscribes once to every routing instance and turns agent paths into
 * VPN/EVPN routes ({@link VpnRoutes}) for every neighbour; it keeps what neighbours send in
 * the {@link VpnTable}, reflects the best path per RFC 4456 / RFC 4271 §9.2 rules, and
 * publishes paths whose route targets some instance imports into the RIB, where they reach
 * the agents subscribed there like any other peer's path. Graceful restart (RFC 4724): as
 * helper, a neighbour's paths are marked stale when its session drops and swept at its
 * End-of-RIB per family or when its restart time ends; as speaker, we advertise the
 * capability with the forwarding bit (agents keep forwarding while we restart).
 *
 * <p>Threads (after TF's pipeline.txt):
 * <ul>
 *   <li>the RIB calls {@link #routeChanged} under its lock; it only queues on {@code exports};
 *   <li>one virtual thread ("bgp-export") drains {@code exports}: agent paths → VPN routes →
 *       the speaker's Adj-RIB-Out, for every neighbour;
 *   <li>each session's loop thread delivers {@link PeerEvent}s: VPN table, RIB publishes,
 *       reflection into the Adj-RIB-Out for the neighbours allowed the path;
 *   <li>the Adj-RIB-Out's sender thread encodes UPDATEs once per update group into the sessions;
 *   <li>the config watcher's thread reconfigures sessions and instances;
 *   <li>per session with route-target constraint, a virtual thread ("bgp-rtc-wait") that ends the
 *       wait for the neighbour's membership End-of-RIB (RFC 4684 §6) under this object's lock.
 * </ul>
 * {@code this} guards everything below except {@code exports} (its own lock). Lock order:
 * this → the RIB's, and this → the Adj-RIB-Out's; neither calls back into this object's lock.
 */
public final class BgpService implements RibSubscriber, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BgpService.class);
  private static final Object GONE = new Object();
  /** Prefix of the RIB instances holding received VPN paths: one per RD and route-target set. */
  public static final String VPN_INSTANCE_PREFIX = "bgp.vpn/";

  /**
   * @param routerName this node's BgpRouter name ({@code --bgp-router}), or null to match by address
   * @param address this node's address for matching a control-node BgpRouter, or null
   * @param restartTime graceful-restart time we advertise (seconds)
   * @param connectRetry between connection attempts
   * @param restarting this start follows our own restart: the OPEN carries the R bit (RFC 4724 §3)
   * @param endOfRibDelay after the speaker starts, End-of-RIB is held this long (or until
   *     {@link #releaseEndOfRib}) so helpers keep our stale routes while agents re-publish; zero: not held
   */
  public record Settings(String routerName, String address, int restartTime, Duration connectRetry,
      boolean restarting, Duration endOfRibDelay) {
    public static Settings of(String routerName, String address) {
      return new Settings(routerName, address, 120, Duration.ofSeconds(5), false, Duration.ZERO);
    }

    public Settings withRestartTime(int seconds) {
      return new Settings(routerName, address, seconds, connectRetry, restarting, endOfRibDelay);
    }

    public Settings withConnectRetry(Duration d) {
      return new Settings(routerName, address, restartTime, d, restarting, endOfRibDelay);
    }

    /** After our own restart: R bit set, End-of-RIB held for {@code delay} or until {@link #releaseEndOfRib}. */
    public Settings restartingWithEndOfRibDelay(Duration delay) {
      return new Settings(routerName, address, restartTime, connectRetry, true, delay);
    }
  }

  /** Where a received path was published in the RIB. */
  record ImportKey(String instance, io.weft.control.rib.Family family, String itemId) {}

  private final Rib rib;
  private final BiFunction<String, String, Long> agentInstanceId;
  private final Settings settings;
  private final UpdateQueue exports = new UpdateQueue(Integer.MAX_VALUE - 1);
  private final Thread exporter;

  private BgpPlan plan;
  private BgpSpeaker speaker;
  private final Map<InetAddress, BgpNeighbour> neighbours = new HashMap<>();
  private final Map<BgpPeer, BgpNeighbour> bySession = new IdentityHashMap<>(); // asked once per neighbour per reflected route
  private final Map<String, VpnRoutes.InstanceInfo> instances = new HashMap<>();
  private final Map<String, Set<String>> instanceImports = new HashMap<>();
  private final Set<String> importTargets = new HashSet<>();
  /** Per interned attribute set: does some instance import one of its route targets? Cleared when the targets change. */
  private final Map<List<PathAttribute>, Boolean> importedAttributes = new IdentityHashMap<>();
  private final Map<String, Long> knownInstanceIds = new HashMap<>();
  /** Locally originated VPN routes (from agent paths), and which came from which table key. */
  private final Map<FamilyNlri, Route> localRoutes = new HashMap<>();
  private final Map<RouteKey, List<FamilyNlri>> exported = new HashMap<>();
  private final VpnTable vpn = new VpnTable();
  /** Agents' EVPN type-3 routes, kept in {@code localRoutes} too. */
  private final InclusiveMulticastRoutes multicast = new InclusiveMulticastRoutes();
  /** Our route-target membership routes (RFC 4684), kept in {@code localRoutes} too. */
  private final RouteTargetMemberships memberships = new RouteTargetMemberships();
  private final Set<String> vpnInstances = new HashSet<>();
  private long staleSwept;
  private long rejectedLoops;
  private boolean endOfRibReleased;

  public BgpService(Rib rib, BiFunction<String, String, Long> agentInstanceId, Settings settings) {
    this.rib = rib;
    this.agentInstanceId = agentInstanceId;
    this.settings = settings;
    this.exporter = Thread.ofVirtual().name("bgp-export").start(this::exportLoop);
  }

  // ---- config ----

  /** The BgpRouter resources changed: reconcile the speaker and its sessions. */
  public synchronized void routersChanged(Map<String, BgpRouterSpec> routers) {
    BgpPlan next;
    try {
      next = BgpPlan.of(routers, settings.routerName(), settings.address());
    } catch (RuntimeException e) {
      LOG.warn("BGP: BgpRouter config unusable: {}", e.toString());
      return;
    }
    apply(next);
  }

  /** Applies a plan directly (the benchmark and tests without a config API use this). */
  public synchronized void apply(BgpPlan next) {
    BgpPlan.Local was = plan == null ? null : plan.local();
    if (next == null || was == null || !sameSpeaker(next.local(), was)) {
      stopSpeaker();
      plan = next;
      if (next == null) return;
      startSpeaker(next.local());
      // OriginVn carries our AS: re-export every instance's routes.
      for (String vrf : new ArrayList<>(instances.keySet())) {
        resubscribe(vrf);
        originate(multicast.instanceChanged(vrf, instances.get(vrf), next.local().asn()));
      }
    }
    plan = next;
    boolean reflectionChanged = was != null && !java.util.Objects.equals(was.clusterId(), next.local().clusterId());
    for (InetAddress a : new ArrayList<>(neighbours.keySet())) {
      BgpNeighbour nb = neighbours.get(a);
      BgpPlan.Neighbour want = next.neighbours().get(a);
      if (want == null || !sameSession(want, nb.config)) {
        removeNeighbour(a);
      } else if (!want.equals(nb.config)) {
        nb.config = want; // e.g. became a route-reflector client: same session, other routes
        if (!reflectionChanged) resync(nb);
      }
    }
    for (BgpPlan.Neighbour n : next.neighbours().values()) {
      if (!neighbours.containsKey(n.address())) addNeighbour(n);
    }
    if (reflectionChanged) {
      neighbours.values().forEach(nb -> nb.reflectedAttributes.clear());
      neighbours.values().forEach(this::resync);
    }
    originateMemberships();
  }

  private static boolean sameSpeaker(BgpPlan.Local a, BgpPlan.Local b) {
    return a.asn() == b.asn() && a.address().equals(b.address()) && a.port() == b.port() && a.routerId().equals(b.routerId());
  }

  private static boolean sameSession(BgpPlan.Neighbour a, BgpPlan.Neighbour b) {
    return a.address().equals(b.address()) && a.port() == b.port() && a.asn() == b.asn() && a.families().equals(b.families())
        && a.holdTime() == b.holdTime() && java.util.Objects.equals(a.md5Key(), b.md5Key()) && a.passive() == b.passive();
  }

  /** Brings a neighbour's Adj-RIB-Out to what the (changed) reflection rules allow it. */
  private void resync(BgpNeighbour nb) {
    if (speaker == null) return;
    AdjRibOut out = speaker.adjRibOut();
    RouteTargetFilter rtc = nb.rtc;
    for (Route r : localRoutes.values()) {
      if (rtc == null || rtc.wants(r)) out.advertise(r, nb.session);
      else out.withdraw(r.key(), nb.session);
    }
    vpn.forEachBest((k, best) -> {
      if (localRoutes.containsKey(k)) return;
      if (eligible(best.from, nb) && (rtc == null || rtc.wants(best.route))) out.advertise(reflected(best), nb.session);
      else out.withdraw(k, nb.session);
    });
  }

  /**
   * Whether {@code p} is sent our route {@code r}: every neighbour, except that one which
   * negotiated route-target constraint only when its membership asks for it (RFC 4684).
   * Neighbours without it cost one null check.
   */
  private boolean sends(io.weft.bgp.peer.BgpPeer p, Route r) {
    BgpNeighbour nb = bySession.get(p);
    return nb != null && (nb.rtc == null || nb.rtc.wants(r));
  }

  private void startSpeaker(BgpPlan.Local local) {
    GracefulRestartConfig gr = new GracefulRestartConfig(true, settings.restartTime(), true, settings.restarting());
    speaker = new BgpSpeaker(new SpeakerConfig(local.asn(), local.routerId(),
        new InetSocketAddress(local.address(), local.port()), gr), this::onEvent);
    BgpSpeaker sp = speaker;
    if (settings.endOfRibDelay().isPositive() && !endOfRibReleased) {
      // RFC 4724 §4.1: we restarted; helpers keep our stale routes until our End-of-RIB, so it
      // waits until agents had time to re-publish (or releaseEndOfRib is called).
      sp.deferEndOfRib();
      Thread.ofVirtual().name("bgp-eor-delay").start(() -> {
        try {
          Thread.sleep(settings.endOfRibDelay());
          releaseEndOfRib();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    try {
      sp.start();
    } catch (IOException e) {
      LOG.warn("BGP: cannot listen on {}:{} ({}); connecting out, retrying the listener", local.address().getHostAddress(),
          local.port(), e.toString());
      Thread.ofVirtual().name("bgp-listen-retry").start(() -> {
        for (int i = 0; i < 120; i++) {
          try {
            Thread.sleep(1000);
            synchronized (this) {
              if (speaker != sp) return;
              sp.start();
              LOG.info("BGP: listening on {}:{}", local.address().getHostAddress(), local.port());
              return;
            }
          } catch (IOException again) {
            // still in use
          } catch (InterruptedException x) {
            return;
          }
        }
      });
    }
    LOG.info("BGP speaker {} AS {} router-id {} on {}:{}{}", local.name(), local.asn(), local.routerId().getHostAddress(),
        local.address().getHostAddress(), local.port(), local.clusterId() == null ? "" : " cluster " + local.clusterId().getHostAddress());
  }

  /** Our routes are back after a restart: send the End-of-RIB held since the speaker started. */
  public synchronized void releaseEndOfRib() {
    if (endOfRibReleased) return;
    endOfRibReleased = true;
    if (speaker != null) speaker.releaseEndOfRib();
    LOG.info("BGP: End-of-RIB released to every neighbour");
  }

  /**
   * Stops BGP as a restart does: sessions close without NOTIFICATION, so neighbours that
   * help graceful restart keep our routes as stale for our restart time (RFC 4724 §4.2).
   */
  public void closeForRestart() {
    exports.close();
    exporter.interrupt();
    synchronized (this) {
      neighbours.clear();
      bySession.clear();
      if (speaker != null) speaker.closeForRestart();
      speaker = null;
      plan = null;
    }
  }

  private void stopSpeaker() {
    for (InetAddress a : new ArrayList<>(neighbours.keySet())) removeNeighbour(a);
    if (speaker != null) speaker.close();
    speaker = null;
  }

  private void addNeighbour(BgpPlan.Neighbour n) {
    PeerConfig pc = PeerConfig.of(n.address(), n.port(), n.asn(), n.families()).withHoldTime(n.holdTime())
        .withMd5Key(n.md5Key()).withPassive(n.passive()).withLocalAddress(plan.local().address())
        .withConnectRetry(settings.connectRetry());
    BgpPeer session;
    try {
      session = speaker.addPeer(pc);
    } catch (IOException | RuntimeException e) {
      LOG.warn("BGP neighbour {} ({}): cannot configure: {}", n.name(), n.address().getHostAddress(), e.toString());
      return;
    }
    BgpNeighbour nb = new BgpNeighbour(n, session);
    neighbours.put(n.address(), nb);
    bySession.put(session, nb);
    // Its Adj-RIB-Out starts with everything it may have: our routes, and the reflected best paths.
    AdjRibOut out = speaker.adjRibOut();
    for (Route r : localRoutes.values()) out.advertise(r, session);
    vpn.forEachBest((k, best) -> {
      if (eligible(best.from, nb)) out.advertise(reflected(best), session);
    });
    LOG.info("BGP neighbour {} {} AS {} ({}{}{}) families {}", n.name(), n.address().getHostAddress(), n.asn(),
        n.internal() ? "iBGP" : "eBGP", n.reflectorClient() ? ", route-reflector client" : "", n.passive() ? ", passive" : "",
        n.families());
  }

  private void removeNeighbour(InetAddress a) {
    BgpNeighbour nb = neighbours.remove(a);
    if (nb == null) return;
    bySession.remove(nb.session);
    try {
      speaker.removePeer(a);
    } catch (IOException e) {
      LOG.debug("BGP neighbour {}: close: {}", a.getHostAddress(), e.toString());
    }
    dropPaths(nb, vpn.keysOf(nb, null));
  }

  /** A routing instance's config changed (null: deleted). */
  public synchronized void instanceChanged(String vrf, RoutingInstanceSpec spec) {
    if (vrf.startsWith(VPN_INSTANCE_PREFIX)) return;
    if (spec == null) {
      instances.remove(vrf);
      instanceImports.remove(vrf);
      rib.unsubscribe(vrf, this);
      for (Map.Entry<RouteKey, List<FamilyNlri>> e : new ArrayList<>(exported.entrySet())) {
        if (e.getKey().instance().equals(vrf)) exportRoutes(e.getKey(), List.of());
      }
    } else {
      VpnRoutes.InstanceInfo info = new VpnRoutes.InstanceInfo(List.copyOf(new TreeSet<>(spec.exportRouteTargets())), spec.vni());
      boolean changed = !info.equals(instances.put(vrf, info));
      instanceImports.put(vrf, Set.copyOf(spec.importRouteTargets()));
      if (changed) {
        resubscribe(vrf);
        if (plan != null) originate(multicast.instanceChanged(vrf, info, plan.local().asn()));
      }
    }
    Set<String> now = new HashSet<>();
    instanceImports.values().forEach(now::addAll);
    if (!now.equals(importTargets)) {
      importTargets.clear();
      importTargets.addAll(now);
      importedAttributes.clear();
      vpn.forEach(this::reimport);
      originateMemberships();
    }
  }

  /** Subscribing again makes the RIB replay the instance's routes, so they are exported with the new targets. */
  private void resubscribe(String vrf) {
    rib.unsubscribe(vrf, this);
    rib.subscribe(vrf, this);
  }

  // ---- agent paths out ----

  @Override
  public void routeChanged(String instance, io.weft.control.rib.Family family, String prefix, io.weft.control.rib.Route route) {
    exports.offer(new RouteKey(instance, family, prefix), route == null ? GONE : route);
  }

  private void exportLoop() {
    try {
      while (true) {
        List<Map.Entry<Object, Object>> batch = exports.take(1024);
        if (batch.isEmpty()) return;
        synchronized (this) {
          for (Map.Entry<Object, Object> e : batch) {
            RouteKey key = (RouteKey) e.getKey();
            exportRoutes(key, e.getValue() == GONE ? List.of() : ((io.weft.control.rib.Route) e.getValue()).paths());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("BGP export failed", e);
    }
  }

  /** Makes the VPN routes of table key {@code key} those of its primary agent paths {@code paths}. */
  private void exportRoutes(RouteKey key, List<Path> paths) {
    VpnRoutes.InstanceInfo info = instances.get(key.instance());
    List<Route> now = new ArrayList<>();
    if (plan != null && info != null) {
      for (Path p : paths) {
        if (p.secondaryIn(key.instance()) || !(p.route() instanceof RouteEntry entry)) continue;
        Route r = VpnRoutes.export(entry, p.attributes(), instanceId(p.peer(), key.instance(), info), info, plan.local().asn());
        if (r != null) now.add(r);
      }
    }
    List<FamilyNlri> was = now.isEmpty() ? exported.remove(key) : exported.put(key, now.stream().map(Route::key).toList());
    Set<FamilyNlri> keep = new HashSet<>();
    List<FamilyNlri> added = List.of();
    for (Route r : now) {
      keep.add(r.key());
      localRoutes.put(r.key(), r);
      if (speaker != null) speaker.adjRibOut().advertise(r, p -> sends(p, r));
      if (was == null || !was.contains(r.key())) {
        if (added.isEmpty()) added = new ArrayList<>(1);
        added.add(r.key());
      }
    }
    List<FamilyNlri> removed = List.of();
    if (was != null) {
      for (FamilyNlri k : was) {
        if (keep.contains(k)) continue;
        localRoutes.remove(k);
        // A neighbour's path to the same NLRI (another node's copy of this agent's route) may now be the one to send.
        sendBest(k);
        if (removed.isEmpty()) removed = new ArrayList<>(1);
        removed.add(k);
      }
    }
    if (!added.isEmpty() || !removed.isEmpty()) {
      InclusiveMulticastRoutes.Changes c = multicast.exported(key.instance(), added, removed, info,
          plan == null ? 0 : plan.local().asn());
      originate(c.advertise(), c.withdraw());
    }
  }

  /** Sends routes we originate (agents' type-3 routes, our memberships) and withdraws those no longer originated. */
  private void originate(List<Route> advertise, List<FamilyNlri> withdraw) {
    for (Route r : advertise) {
      localRoutes.put(r.key(), r);
      if (speaker != null) speaker.adjRibOut().advertise(r, p -> sends(p, r));
    }
    for (FamilyNlri k : withdraw) {
      localRoutes.remove(k);
      sendBest(k);
    }
  }

  private void originate(InclusiveMulticastRoutes.Changes c) {
    originate(c.advertise(), c.withdraw());
  }

  /** One membership route per route target the instances import (RFC 4684 §4), origin AS = ours. */
  private void originateMemberships() {
    BgpPlan.Local l = plan == null ? null : plan.local();
    InetAddress nh = l == null ? null : l.address() instanceof Inet4Address ? l.address() : l.routerId();
    RouteTargetMemberships.Changes c = memberships.update(importTargets, l == null ? null : l.asn(), nh);
    originate(c.advertise(), c.withdraw());
  }

  private long instanceId(String host, String vrf, VpnRoutes.InstanceInfo info) {
    String k = host + "\n" + vrf;
    Long id = agentInstanceId.apply(host, vrf);
    if (id != null) knownInstanceIds.put(k, id);
    else id = knownInstanceIds.get(k);
    return id != null ? id : info.vnIndex() & 0xffff;
  }

  // ---- neighbour events ----

  private void onEvent(PeerEvent e) {
    synchronized (this) {
      BgpNeighbour nb = bySession.get(e.peer());
      if (nb == null) return;
      switch (e) {
        case PeerEvent.RoutesReceived r -> {
          boolean membership = false;
          for (Route route : r.routes()) {
            if (route.nlri() instanceof RouteTargetMembership m) membership |= nb.rtc != null && nb.rtc.add(m);
            else received(nb, route);
          }
          if (membership && nb.rtc.isReady()) resync(nb);
        }
        case PeerEvent.RoutesWithdrawn w -> {
          boolean membership = false;
          for (FamilyNlri k : w.withdrawn()) {
            if (k.nlri() instanceof RouteTargetMembership m) membership |= nb.rtc != null && nb.rtc.remove(m);
            else removed(nb, k);
          }
          if (membership && nb.rtc.isReady()) resync(nb);
        }
        case PeerEvent.Established est -> {
          nb.established.incrementAndGet();
          nb.reflectedAttributes.clear(); // ORIGINATOR_ID is the peer's BGP identifier, which may have changed
          constrain(nb, est.negotiated().families().contains(Family.RT_CONSTRAINT));
          LOG.info("BGP neighbour {} {} established: {}", nb.config.name(), nb.name(), est.negotiated().families());
        }
        case PeerEvent.SessionDown d -> {
          nb.lastDown = d.reason();
          if (d.retainStale()) {
            List<FamilyNlri> drop = new ArrayList<>();
            vpn.forEach((k, rec) -> {
              if (rec.from != nb) return;
              if (d.staleFamilies().contains(k.family())) rec.stale = true;
              else drop.add(k);
            });
            rib.markStale(nb.name());
            dropPaths(nb, drop);
            LOG.info("BGP neighbour {} down ({}); keeping its {} paths stale for {}s", nb.name(), d.reason(),
                d.staleFamilies(), d.restartTime().toSeconds());
          } else {
            dropPaths(nb, vpn.keysOf(nb, null));
            LOG.info("BGP neighbour {} down ({})", nb.name(), d.reason());
          }
        }
        case PeerEvent.EndOfRib eor -> {
          // RFC 4684 §6: its membership is complete; the VPN routes it asked for may go now.
          if (eor.family().equals(Family.RT_CONSTRAINT) && nb.rtc != null && nb.rtc.ready()) membershipComplete(nb);
          sweep(nb, List.of(eor.family()));
        }
        case PeerEvent.StaleRoutesExpired x -> sweep(nb, x.families());
        default -> { }
      }
    }
  }

  /**
   * The session came up: with route-target constraint negotiated, the neighbour starts with an
   * empty membership and is sent no VPN route until its End-of-RIB or the wait ends (RFC 4684 §6);
   * its Adj-RIB-Out is brought to that now, before the speaker dumps it. Without, it is served as
   * before (all routes), and costs nothing if it never had the constraint.
   */
  private void constrain(BgpNeighbour nb, boolean negotiated) {
    if (!negotiated) {
      if (nb.rtc != null) {
        nb.rtc = null;
        resync(nb);
      }
      return;
    }
    RouteTargetFilter f = new RouteTargetFilter();
    nb.rtc = f;
    resync(nb);
    // Our End-of-RIB of those families follows the routes its membership asks for, not the empty dump.
    List<Family> held = nb.config.families().stream().filter(RouteTargetFilter::constrained).toList();
    if (speaker != null) speaker.adjRibOut().holdEndOfRib(nb.session, held);
    Thread.ofVirtual().name("bgp-rtc-wait").start(() -> {
      try {
        Thread.sleep(RouteTargetFilter.END_OF_RIB_WAIT);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (nb.rtc == f && neighbours.get(nb.config.address()) == nb && f.ready()) {
          LOG.info("BGP neighbour {}: no route-target End-of-RIB after {}s; sending by {} memberships", nb.name(),
              RouteTargetFilter.END_OF_RIB_WAIT.toSeconds(), f.size());
          membershipComplete(nb);
        }
      }
    });
  }

  /** The neighbour's membership is complete: it gets the routes it asks for, then our End-of-RIB for them. */
  private void membershipComplete(BgpNeighbour nb) {
    resync(nb);
    if (speaker != null) speaker.adjRibOut().releaseEndOfRib(nb.session);
  }

  private void received(BgpNeighbour nb, Route route) {
    if (loops(nb, route)) {
      rejectedLoops++;
      removed(nb, route.key());
      return;
    }
    VpnTable.Received rec = new VpnTable.Received(nb, route);
    VpnTable.Received old = vpn.put(route.key(), rec);
    if (old != null) rec.imported = old.imported;
    reimport(route.key(), rec);
    propagate(route.key());
  }

  private void removed(BgpNeighbour nb, FamilyNlri key) {
    VpnTable.Received old = vpn.remove(key, nb);
    if (old == null) return;
    if (old.imported != null) rib.withdraw(nb.name(), old.imported.instance(), old.imported.family(), old.imported.itemId());
    propagate(key);
  }

  private void dropPaths(BgpNeighbour nb, List<FamilyNlri> keys) {
    for (FamilyNlri k : keys) removed(nb, k);
  }

  private void sweep(BgpNeighbour nb, List<Family> families) {
    List<FamilyNlri> stale = new ArrayList<>();
    vpn.forEach((k, rec) -> {
      if (rec.from == nb && rec.stale && families.contains(k.family())) stale.add(k);
    });
    dropPaths(nb, stale);
    staleSwept += stale.size();
    if (!stale.isEmpty()) LOG.info("BGP neighbour {}: swept {} stale paths of {}", nb.name(), stale.size(), families);
  }

  /** RFC 4271 §9.1.2 (our AS in the path from eBGP) and RFC 4456 §8 (our router id as originator, our cluster in the list). */
  private boolean loops(BgpNeighbour nb, Route r) {
    BgpPlan.Local local = plan.local();
    if (!nb.internal() && r.attribute(AsPath.class).map(p -> p.contains(local.asn())).orElse(false)) return true;
    if (r.attribute(OriginatorId.class).map(o -> o.id().equals(local.routerId())).orElse(false)) return true;
    return local.clusterId() != null
        && r.attribute(ClusterList.class).map(c -> c.clusterIds().contains(local.clusterId())).orElse(false);
  }

  /** Sends the NLRI's new best path to every neighbour allowed to have it, and withdraws it from the others. */
  private void propagate(FamilyNlri key) {
    if (localRoutes.containsKey(key)) return; // our own route wins and was sent already
    sendBest(key);
  }

  private void sendBest(FamilyNlri key) {
    if (speaker == null) return;
    VpnTable.Received best = vpn.best(key);
    if (best == null) {
      speaker.adjRibOut().withdraw(key);
      return;
    }
    BgpNeighbour from = best.from;
    speaker.adjRibOut().advertise(reflected(best), p -> {
      BgpNeighbour to = bySession.get(p);
      return to != null && eligible(from, to) && (to.rtc == null || to.rtc.wants(best.route));
    });
  }

  /**
   * Who gets a path learned from {@code from} (RFC 4271 §9.2, RFC 4456 §6): never its sender;
   * an eBGP-learned path everyone; an iBGP-learned one eBGP neighbours, and when we reflect,
   * a client's path everyone and a non-client's path clients only.
   */
  private boolean eligible(BgpNeighbour from, BgpNeighbour to) {
    if (from == to) return false;
    if (!from.internal() || !to.internal()) return true;
    if (plan.local().clusterId() == null) return false;
    return from.reflectorClient() || to.reflectorClient();
  }

  /** The path as we pass it on: reflected iBGP paths get ORIGINATOR_ID and our cluster id first in CLUSTER_LIST (RFC 4456 §8). */
  private Route reflected(VpnTable.Received rec) {
    Inet4Address cluster = plan.local().clusterId();
    if (!rec.from.internal() || cluster == null) return rec.route;
    Map<List<PathAttribute>, List<PathAttribute>> cache = rec.from.reflectedAttributes;
    List<PathAttribute> known = cache.get(rec.route.attributes());
    if (known != null) return new Route(rec.route.family(), rec.route.nlri(), rec.route.nextHop(), known);
    if (cache.size() >= 4096) cache.clear();
    List<PathAttribute> attrs = new ArrayList<>(rec.route.attributes().size() + 2);
    boolean originator = false;
    List<Inet4Address> clusters = new ArrayList<>();
    clusters.add(cluster);
    for (PathAttribute a : rec.route.attributes()) {
      switch (a) {
        case OriginatorId o -> {
          originator = true;
          attrs.add(o);
        }
        case ClusterList c -> clusters.addAll(c.clusterIds());
        default -> attrs.add(a);
      }
    }
    if (!originator) {
      var n = rec.from.session.negotiated();
      Inet4Address id = n != null ? n.peerId() : (rec.from.config.address() instanceof Inet4Address v4 ? v4 : plan.local().routerId());
      attrs.add(new OriginatorId(id));
    }
    attrs.add(new ClusterList(clusters));
    Route out = new Route(rec.route.family(), rec.route.nlri(), rec.route.nextHop(), attrs);
    cache.put(rec.route.attributes(), out.attributes());
    return out;
  }

  // ---- received paths into instances ----

  /** Publishes (or withdraws) a received path in the RIB according to the instances' import targets. */
  private void reimport(FamilyNlri key, VpnTable.Received rec) {
    ImportKey want = null;
    VpnRoutes.Imported imp = null;
    if (!localRoutes.containsKey(key) && imported(rec.route.attributes())) {
      imp = VpnRoutes.importRoute(rec.route);
      if (imp != null) want = new ImportKey(vpnInstance(key, rec.route.routeTargets()), imp.family(), imp.itemId());
    }
    if (rec.imported != null && !rec.imported.equals(want)) {
      rib.withdraw(rec.from.name(), rec.imported.instance(), rec.imported.family(), rec.imported.itemId());
    }
    rec.imported = want;
    if (want != null) rib.publish(rec.from.name(), want.instance(), want.family(), want.itemId(), imp.attributes(), imp.entry());
  }

  /** Whether some instance imports a route target of these attributes: decided once per interned set, not per route. */
  private boolean imported(List<PathAttribute> attributes) {
    if (importTargets.isEmpty()) return false;
    Boolean known = importedAttributes.get(attributes);
    if (known != null) return known;
    if (importedAttributes.size() >= 4096) importedAttributes.clear(); // only the memo is lost
    boolean any = false;
    for (PathAttribute a : attributes) {
      if (a instanceof ExtendedCommunities ec) {
        for (RouteTarget rt : ec.routeTargets()) any |= importTargets.contains(rt.toString());
      }
    }
    importedAttributes.put(attributes, any);
    return any;
  }

  /** The RIB instance for received paths of this RD and these targets: it exports exactly those targets, so the RIB imports it where they match. */
  private String vpnInstance(FamilyNlri key, List<RouteTarget> rts) {
    RouteDistinguisher rd = switch (key.nlri()) {
      case VpnPrefix p -> p.rd();
      case EvpnRoute e -> rdOf(e);
      default -> RouteDistinguisher.ZERO;
    };
    TreeSet<String> targets = new TreeSet<>();
    for (RouteTarget rt : rts) targets.add(rt.toString());
    String name = VPN_INSTANCE_PREFIX + rd + "/" + String.join(",", targets);
    if (vpnInstances.add(name)) rib.configure(name, List.of(), targets);
    return name;
  }

  private static RouteDistinguisher rdOf(EvpnRoute e) {
    return switch (e) {
      case io.weft.bgp.wire.EvpnMacIpRoute m -> m.rd();
      case io.weft.bgp.wire.EvpnIpPrefixRoute p -> p.rd();
      case io.weft.bgp.wire.EvpnInclusiveMulticastRoute i -> i.rd();
      default -> RouteDistinguisher.ZERO;
    };
  }

  // ---- introspection ----

  public synchronized List<BgpNeighbour.Status> status() {
    // Counted here, on demand, rather than kept per session per prefix: the VPN table is the Adj-RIB-In.
    Map<BgpNeighbour, Map<Family, Integer>> received = new HashMap<>();
    vpn.forEach((k, rec) -> received.computeIfAbsent(rec.from, x -> new HashMap<>()).merge(k.family(), 1, Integer::sum));
    return neighbours.values().stream().map(nb -> nb.status(received.getOrDefault(nb, Map.of())))
        .sorted(Comparator.comparing(BgpNeighbour.Status::address)).toList();
  }

  /** The local speaker, or null when no BgpRouter is this node. */
  public synchronized BgpPlan.Local local() {
    return plan == null ? null : plan.local();
  }

  /** The speaker and its tables, for {@code /bgp/speaker}. */
  public record Summary(String router, Long asn, String address, Integer port, String routerId, String clusterId,
      int neighbours, long established, int localRoutes, int receivedPaths, int vpnNlri, long staleSwept, long rejectedLoops) {}

  public synchronized Summary summary() {
    BgpPlan.Local l = plan == null ? null : plan.local();
    long up = neighbours.values().stream().filter(n -> n.session.state() == io.weft.bgp.session.SessionState.ESTABLISHED).count();
    return new Summary(l == null ? null : l.name(), l == null ? null : l.asn(), l == null ? null : l.address().getHostAddress(),
        l == null ? null : l.port(), l == null ? null : l.routerId().getHostAddress(),
        l == null || l.clusterId() == null ? null : l.clusterId().getHostAddress(), neighbours.size(), up, localRoutes.size(),
        receivedPathCount(), vpn.size(), staleSwept, rejectedLoops);
  }

  public synchronized int localRouteCount() {
    return localRoutes.size();
  }

  public synchronized List<Route> localRoutes() {
    return List.copyOf(localRoutes.values());
  }

  public synchronized int receivedPathCount() {
    int[] n = {0};
    vpn.forEach((k, r) -> n[0]++);
    return n[0];
  }

  public synchronized long staleSwept() {
    return staleSwept;
  }

  public synchronized long rejectedLoops() {
    return rejectedLoops;
  }

  /** The port the speaker listens on, or -1. */
  public synchronized int listenPort() {
    try {
      return speaker == null || speaker.listenAddress() == null ? -1 : speaker.listenAddress().getPort();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    exports.close();
    exporter.interrupt();
    synchronized (this) {
      stopSpeaker();
      plan = null;
    }
  }
}
