package io.weft.bgp.peer;

import io.weft.bgp.session.FsmAction;
import io.weft.bgp.session.Negotiated;
import io.weft.bgp.session.SessionDriver;
import io.weft.bgp.session.SessionListener;
import io.weft.bgp.session.SessionState;
import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.DecodeError;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.GracefulRestartCapability;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.MpReachNlri;
import io.weft.bgp.wire.NextHop;
import io.weft.bgp.wire.RouteRefresh;
import io.weft.bgp.wire.Update;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One neighbour: its session, its share of the speaker's {@link AdjRibOut} (what we
 * advertise to it, re-sent whenever the session comes up, followed by End-of-RIB per family)
 * and the translation of what it sends into {@link PeerEvent}s.
 *
 * <p>Threads: callers of {@link #advertise}/{@link #withdraw} may be any thread (the
 * Adj-RIB-Out has its own lock); {@code negotiated} is guarded by {@code this}. Session
 * callbacks and events run on the session's loop thread.
 */
public final class BgpPeer implements SessionListener {
  private static final Logger LOG = LoggerFactory.getLogger(BgpPeer.class);

  private final PeerConfig config;
  private final Consumer<PeerEvent> events;
  private final ScheduledExecutorService timers;
  private final AdjRibOut out;
  private SessionDriver driver; // set once by the speaker before start
  private Negotiated negotiated; // guarded by this; non-null while established
  private volatile List<Family> staleFamilies = List.of(); // written on the session thread, cleared by the restart timer
  private volatile ScheduledFuture<?> restartTimer;
  private volatile String lastDown; // why the last connection ended, established or not

  BgpPeer(PeerConfig config, Consumer<PeerEvent> events, ScheduledExecutorService timers, AdjRibOut out) {
    this.config = config;
    this.events = events;
    this.timers = timers;
    this.out = out;
  }

  void attach(SessionDriver d) {
    this.driver = d;
  }

  SessionDriver driver() {
    return driver;
  }

  public PeerConfig config() {
    return config;
  }

  public InetAddress address() {
    return config.address();
  }

  public SessionState state() {
    return driver.state();
  }

  /** What the OPEN exchange agreed, or null when not established. */
  public synchronized Negotiated negotiated() {
    return negotiated;
  }

  /** Why the last connection ended (an OPEN rejected, a NOTIFICATION, the hold timer, ...), or null. */
  public String lastDown() {
    return lastDown;
  }

  /** Prefixes in the Adj-RIB-Out, per family. */
  public Map<Family, Integer> advertisedPrefixes() {
    return out.prefixes(this);
  }

  /** Prefixes whose state the session has yet to be sent. */
  public int pendingPrefixes() {
    return out.pending(this);
  }

  /** Octets of encoded UPDATEs waiting for the session's socket (bounded: see {@link AdjRibOut}). */
  public long queuedOctets() {
    return driver.queuedOctets();
  }

  public List<Route> adjRibOut() {
    return out.routes(this);
  }

  /**
   * Adds or replaces routes in the Adj-RIB-Out; they are sent if the session is up and the
   * family negotiated. The speaker keeps one path per prefix: other neighbours holding the
   * prefix get the new path too.
   */
  public void advertise(Collection<Route> routes) {
    for (Route r : routes) out.advertise(r, this);
  }

  public void advertise(Route... routes) {
    advertise(List.of(routes));
  }

  /** Removes routes from the Adj-RIB-Out and withdraws them if they were sent. */
  public void withdraw(Collection<FamilyNlri> nlri) {
    for (FamilyNlri n : nlri) out.withdraw(n, this);
  }

  public void withdraw(FamilyNlri... nlri) {
    withdraw(List.of(nlri));
  }

  /** Asks the peer to send a family again (RFC 2918), if it supports route refresh. */
  public synchronized boolean requestRefresh(Family family) {
    if (negotiated == null || !negotiated.routeRefresh() || !negotiated.families().contains(family)) return false;
    driver.send(new RouteRefresh(family));
    return true;
  }

  // ---- session callbacks (session thread) ----

  @Override
  public void stateChanged(SessionState from, SessionState to) {
    events.accept(new PeerEvent.StateChanged(this, from, to));
  }

  @Override
  public void established(Negotiated n) {
    if (restartTimer != null) restartTimer.cancel(false);
    // RFC 4724 §4.2: stale routes of families the peer no longer preserves go now.
    if (!staleFamilies.isEmpty()) {
      List<Family> kept = n.peerGracefulRestart().map(g -> g.families().stream()
          .filter(GracefulRestartCapability.FamilyFlags::forwardingPreserved)
          .map(GracefulRestartCapability.FamilyFlags::family).toList()).orElse(List.of());
      List<Family> drop = staleFamilies.stream().filter(f -> !kept.contains(f)).toList();
      if (!drop.isEmpty()) events.accept(new PeerEvent.StaleRoutesExpired(this, drop));
      staleFamilies = staleFamilies.stream().filter(kept::contains).toList();
    }
    events.accept(new PeerEvent.Established(this, n));
    synchronized (this) {
      negotiated = n;
    }
    out.established(this, n);
  }

  @Override
  public void received(BgpMessage m) {
    switch (m) {
      case Update u -> receivedUpdate(u);
      case RouteRefresh rr -> {
        out.refresh(this, rr.family());
        events.accept(new PeerEvent.RouteRefreshRequested(this, rr.family()));
      }
      default -> { }
    }
  }

  private void receivedUpdate(Update u) {
    var eor = u.endOfRibFamily();
    if (eor.isPresent()) {
      staleFamilies = staleFamilies.stream().filter(f -> !f.equals(eor.get())).toList();
      events.accept(new PeerEvent.EndOfRib(this, eor.get()));
      return;
    }
    List<FamilyNlri> withdrawn = u.allWithdrawn();
    if (!withdrawn.isEmpty()) events.accept(new PeerEvent.RoutesWithdrawn(this, withdrawn));
    List<Route> routes = new ArrayList<>();
    PathAttributes attrs = PathAttributes.of(u.attributes()); // once per UPDATE, shared by its routes
    InetAddress v4NextHop = u.attribute(NextHop.class).map(NextHop::address).orElse(null);
    for (IpPrefix p : u.nlri()) routes.add(new Route(Family.IPV4_UNICAST, p, v4NextHop, attrs));
    u.attribute(MpReachNlri.class).ifPresent(r -> r.nlri().forEach(n -> routes.add(new Route(r.family(), n, r.nextHop(), attrs))));
    if (!routes.isEmpty()) events.accept(new PeerEvent.RoutesReceived(this, routes));
  }

  @Override
  public void treatedAsWithdraw(Update withdrawal, DecodeError cause) {
    LOG.warn("{}: RFC 7606 treat-as-withdraw: {}", config.address().getHostAddress(), cause);
  }

  @Override
  public void discarded(List<DecodeError> errors) {
    LOG.warn("{}: RFC 7606 attribute-discard: {}", config.address().getHostAddress(), errors);
  }

  @Override
  public void down(FsmAction.Down d) {
    Negotiated was;
    synchronized (this) {
      was = negotiated;
      negotiated = null;
    }
    out.down(this);
    lastDown = d.reason();
    if (!d.wasEstablished()) return;
    if (d.graceful() && was != null && was.peerGracefulRestart().isPresent()) {
      GracefulRestartCapability gr = was.peerGracefulRestart().get();
      List<Family> fams = gr.families().stream().map(GracefulRestartCapability.FamilyFlags::family)
          .filter(was.families()::contains).toList();
      staleFamilies = fams;
      Duration t = Duration.ofSeconds(gr.restartTime());
      events.accept(new PeerEvent.SessionDown(this, d.reason(), d.notification(), true, fams, t));
      // RFC 4724 §4.2: if the session does not come back within the restart time, the stale routes go.
      restartTimer = timers.schedule(() -> expireStale(fams), t.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      staleFamilies = List.of();
      events.accept(new PeerEvent.SessionDown(this, d.reason(), d.notification(), false, List.of(), Duration.ZERO));
    }
  }

  /** The restart timer (timer thread): RFC 4724 §4.2, the peer did not come back in time. */
  private void expireStale(List<Family> fams) {
    if (state() != SessionState.ESTABLISHED && !staleFamilies.isEmpty()) {
      staleFamilies = List.of();
      events.accept(new PeerEvent.StaleRoutesExpired(this, fams));
    }
  }

  /** Its session took the queue of UPDATEs low again: it catches up on what it was not handed meanwhile. */
  @Override
  public void drained() {
    out.drained(this);
  }

  void accept(SocketChannel ch) {
    driver.accept(ch);
  }
}
