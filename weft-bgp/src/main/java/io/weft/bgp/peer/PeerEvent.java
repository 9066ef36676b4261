package io.weft.bgp.peer;

import io.weft.bgp.session.Negotiated;
import io.weft.bgp.session.SessionState;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.Notification;
import java.time.Duration;
import java.util.List;

/**
 * What a peer reports to the routing layer. Delivered in order on the peer's session
 * thread; a consumer that does real work should hand events to its own thread.
 */
public sealed interface PeerEvent {
  BgpPeer peer();

  record StateChanged(BgpPeer peer, SessionState from, SessionState to) implements PeerEvent {}

  record Established(BgpPeer peer, Negotiated negotiated) implements PeerEvent {}

  /** Routes announced by the peer (Adj-RIB-In additions or replacements). */
  record RoutesReceived(BgpPeer peer, List<Route> routes) implements PeerEvent {}

  /** Routes withdrawn by the peer, or treated as withdrawn under RFC 7606. */
  record RoutesWithdrawn(BgpPeer peer, List<FamilyNlri> withdrawn) implements PeerEvent {}

  /** The peer finished its initial (or post-restart) advertisement of a family, RFC 4724 §2. */
  record EndOfRib(BgpPeer peer, Family family) implements PeerEvent {}

  /** The peer asked for our routes again (RFC 2918); the speaker already re-sent its Adj-RIB-Out. */
  record RouteRefreshRequested(BgpPeer peer, Family family) implements PeerEvent {}

  /**
   * The session went down. With {@code retainStale}, graceful restart applies (RFC 4724
   * §4.2): keep the peer's routes of {@code staleFamilies} marked stale for at most
   * {@code restartTime}; otherwise drop all its routes now.
   */
  record SessionDown(BgpPeer peer, String reason, Notification notification, boolean retainStale,
      List<Family> staleFamilies, Duration restartTime) implements PeerEvent {}

  /** Stale routes of these families must go now (restart timer expired, or the peer came back without preserving them). */
  record StaleRoutesExpired(BgpPeer peer, List<Family> families) implements PeerEvent {}
}
