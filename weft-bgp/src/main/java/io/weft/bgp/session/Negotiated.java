package io.weft.bgp.session;

import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.GracefulRestartCapability;
import io.weft.bgp.wire.Open;
import io.weft.bgp.wire.WireOptions;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * What an OPEN exchange settled (RFC 4271 §4.2, RFC 5492): the peer's AS and identifier,
 * the hold time (the smaller of the two, RFC 4271 §4.2) and keepalive interval (a third of
 * it), the families both offered, and the optional capabilities both sides support.
 */
public record Negotiated(long peerAs, Inet4Address peerId, int holdTime, int keepaliveTime, List<Family> families,
    boolean fourOctetAs, boolean routeRefresh, List<Family> extendedNextHop, boolean internal,
    Optional<GracefulRestartCapability> peerGracefulRestart, boolean localGracefulRestart, Open peerOpen) {
  public Negotiated {
    families = List.copyOf(families);
    extendedNextHop = List.copyOf(extendedNextHop);
  }

  public WireOptions wireOptions() {
    return new WireOptions(fourOctetAs, internal);
  }

  /** Both sides advertised graceful restart (RFC 4724 §3), so we act as helper when the peer restarts. */
  public boolean gracefulRestart() {
    return localGracefulRestart && peerGracefulRestart.isPresent();
  }
}
