package io.weft.control.bgp;

import io.weft.bgp.peer.BgpPeer;
import io.weft.bgp.peer.Route;
import io.weft.bgp.session.Negotiated;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.PathAttribute;
import io.weft.control.peer.Peer;
import io.weft.control.peer.UpdateQueue;
import io.weft.control.rib.Family;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BGP neighbour as a {@link Peer}: its paths sit in the RIB under its name (the neighbour's
 * address), so best path, route-target import and graceful restart treat it as they treat an
 * agent. What it is sent comes from {@link BgpService}'s VPN tables (the one subscriber to
 * every instance, TF's bgp.l3vpn.0 / bgp.evpn.0), through this neighbour's own coalescing
 * {@link UpdateQueue}: one entry per NLRI, the newest state replacing an unsent older one,
 * drained by a sender virtual thread into the session's Adj-RIB-Out, so a slow neighbour
 * delays nobody else.
 *
 * <p>Concurrency: producers (BgpService under its lock) only offer; the sender thread alone
 * calls the session's advertise/withdraw; counters are atomics; {@code lastDown} is volatile.
 */
public final class BgpNeighbour implements Peer {
  private static final Logger LOG = LoggerFactory.getLogger(BgpNeighbour.class);
  static final Object WITHDRAW = new Object();
  static final int BATCH = 2048;

  /** Replaced in place when only what decides routing changes (route-reflector client), not the session. */
  volatile BgpPlan.Neighbour config;
  final BgpPeer session;
  private final UpdateQueue out;
  private final Thread sender;
  final AtomicLong established = new AtomicLong();
  /**
   * Paths learned from this neighbour as reflected (RFC 4456 §8), per interned attribute set:
   * computed once per distinct set, not per route. Guarded by BgpService's lock; cleared when
   * the neighbour's identity or our cluster id may have changed.
   */
  final Map<List<PathAttribute>, List<PathAttribute>> reflectedAttributes = new IdentityHashMap<>();
  volatile String lastDown;

  BgpNeighbour(BgpPlan.Neighbour config, BgpPeer session, int queueBound) {
    this.config = config;
    this.session = session;
    this.out = new UpdateQueue(queueBound);
    this.sender = Thread.ofVirtual().name("bgp-sender-" + name()).start(this::sendLoop);
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

  /** Queues an announcement; false when the queue passed its bound (the caller resets the neighbour). */
  boolean announce(Route r) {
    return out.offer(r.key(), r);
  }

  boolean withdraw(FamilyNlri n) {
    return out.offer(n, WITHDRAW);
  }

  int queued() {
    return out.size();
  }

  private void sendLoop() {
    try {
      while (true) {
        List<Map.Entry<Object, Object>> batch = out.take(BATCH);
        if (batch.isEmpty()) return;
        List<Route> adv = new ArrayList<>();
        List<FamilyNlri> wd = new ArrayList<>();
        for (Map.Entry<Object, Object> e : batch) {
          if (e.getValue() == WITHDRAW) wd.add((FamilyNlri) e.getKey());
          else adv.add((Route) e.getValue());
        }
        if (!wd.isEmpty()) session.withdraw(wd);
        if (!adv.isEmpty()) session.advertise(adv);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("BGP neighbour {}: sender failed", name(), e);
    }
  }

  void close() {
    out.close();
    sender.interrupt();
  }

  /** What introspect shows for a neighbour. */
  public record Status(String name, String address, int port, long asn, boolean internal, boolean reflectorClient,
      boolean passive, String state, List<String> families, List<String> negotiatedFamilies, Long peerAs, String peerId,
      Integer holdTime, boolean gracefulRestart, Map<String, Integer> prefixesReceived, Map<String, Integer> prefixesSent,
      int queued, long established, String lastDown) {}

  Status status() {
    Negotiated n = session.negotiated();
    Map<String, Integer> rx = new TreeMap<>();
    session.receivedPrefixes().forEach((f, c) -> rx.put(f.toString(), c));
    Map<String, Integer> tx = new TreeMap<>();
    session.advertisedPrefixes().forEach((f, c) -> tx.put(f.toString(), c));
    return new Status(config.name(), name(), config.port(), config.asn(), config.internal(), config.reflectorClient(),
        config.passive(), session.state().name(), config.families().stream().map(Object::toString).toList(),
        n == null ? List.of() : n.families().stream().map(Object::toString).toList(), n == null ? null : n.peerAs(),
        n == null ? null : n.peerId().getHostAddress(), n == null ? null : n.holdTime(), n != null && n.gracefulRestart(),
        rx, tx, queued(), established.get(), session.lastDown() != null ? session.lastDown() : lastDown);
  }
}
