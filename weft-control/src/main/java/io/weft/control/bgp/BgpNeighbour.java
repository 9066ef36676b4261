package io.weft.control.bgp;

import io.weft.bgp.peer.BgpPeer;
import io.weft.bgp.session.Negotiated;
import io.weft.bgp.wire.PathAttribute;
import io.weft.control.peer.Peer;
import io.weft.control.rib.Family;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A BGP neighbour as a {@link Peer}: its paths sit in the RIB under its name (the neighbour's
 * address), so best path, route-target import and graceful restart treat it as they treat an
 * agent. What it is sent comes from {@link BgpService}'s VPN tables (the one subscriber to
 * every instance, TF's bgp.l3vpn.0 / bgp.evpn.0) through the speaker's one Adj-RIB-Out,
 * which records per prefix whether this neighbour should have it and was sent it, and
 * coalesces changes not yet sent (the newest path goes out once).
 *
 * <p>Concurrency: counters are atomics; {@code lastDown} and {@code config} are volatile;
 * {@code reflectedAttributes} and {@code rtc} are guarded by BgpService's lock.
 */
public final class BgpNeighbour implements Peer {

  /** Replaced in place when only what decides routing changes (route-reflector client), not the session. */
  volatile BgpPlan.Neighbour config;
  final BgpPeer session;
  final AtomicLong established = new AtomicLong();
  /**
   * Paths learned from this neighbour as reflected (RFC 4456 §8), per interned attribute set:
   * computed once per distinct set, not per route. Guarded by BgpService's lock; cleared when
   * the neighbour's identity or our cluster id may have changed.
   */
  final Map<List<PathAttribute>, List<PathAttribute>> reflectedAttributes = new IdentityHashMap<>();
  volatile String lastDown;
  /**
   * What the neighbour's route-target membership asks for (RFC 4684), while its session has
   * route-target constraint negotiated; null otherwise. Guarded by BgpService's lock.
   */
  RouteTargetFilter rtc;

  BgpNeighbour(BgpPlan.Neighbour config, BgpPeer session) {
    this.config = config;
    this.session = session;
  }

  @Override
  public String name() {
    return config.address().getHostAddress();
  }

  @Override
  public Kind kind() {
    return Kind.BGP_NEIGHBOUR;
  }

  /** Not used: a neighbour is fed from the VPN tables, which BgpService keeps as the one subscriber to every instance. */
  @Override
  public void routeChanged(String instance, Family family, String prefix, io.weft.control.rib.Route route) {}

  boolean internal() {
    return config.internal();
  }

  boolean reflectorClient() {
    return config.reflectorClient();
  }

  int queued() {
    return session.pendingPrefixes();
  }

  /** What introspect shows for a neighbour. */
  public record Status(String name, String address, int port, long asn, boolean internal, boolean reflectorClient,
      boolean passive, String state, List<String> families, List<String> negotiatedFamilies, Long peerAs, String peerId,
      Integer holdTime, boolean gracefulRestart, Map<String, Integer> prefixesReceived, Map<String, Integer> prefixesSent,
      int queued, long established, String lastDown) {}

  /** {@code received}: the paths of this neighbour's in the VPN tables, per family. */
  Status status(Map<io.weft.bgp.wire.Family, Integer> received) {
    Negotiated n = session.negotiated();
    Map<String, Integer> rx = new TreeMap<>();
    received.forEach((f, c) -> rx.put(f.toString(), c));
    Map<String, Integer> tx = new TreeMap<>();
    session.advertisedPrefixes().forEach((f, c) -> tx.put(f.toString(), c));
    return new Status(config.name(), name(), config.port(), config.asn(), config.internal(), config.reflectorClient(),
        config.passive(), session.state().name(), config.families().stream().map(Object::toString).toList(),
        n == null ? List.of() : n.families().stream().map(Object::toString).toList(), n == null ? null : n.peerAs(),
        n == null ? null : n.peerId().getHostAddress(), n == null ? null : n.holdTime(), n != null && n.gracefulRestart(),
        rx, tx, queued(), established.get(), session.lastDown() != null ? session.lastDown() : lastDown);
  }
}
