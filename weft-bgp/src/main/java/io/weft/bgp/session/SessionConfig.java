package io.weft.bgp.session;

import io.weft.bgp.wire.Family;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;

/**
 * One session's settings.
 *
 * @param localAs our AS (4-octet numbers go in the RFC 6793 capability, AS_TRANS in the OPEN field)
 * @param routerId our BGP identifier
 * @param peerAs the AS the peer must announce (RFC 4271 §6.2: otherwise 2/2)
 * @param holdTime the hold time we propose, 0 or at least 3 seconds
 * @param families the families we offer (multiprotocol capabilities, RFC 4760 §8)
 * @param passive wait for the peer to connect instead of connecting
 * @param connectRetry the ConnectRetryTimer, also used before an automatic restart from Idle
 */
public record SessionConfig(long localAs, Inet4Address routerId, long peerAs, int holdTime, List<Family> families,
    GracefulRestartConfig gracefulRestart, boolean passive, Duration connectRetry) {
  public static final int DEFAULT_HOLD_TIME = 90;

  public SessionConfig {
    families = List.copyOf(families);
    if (holdTime != 0 && (holdTime < 3 || holdTime > 0xffff)) throw new IllegalArgumentException("hold time " + holdTime);
    if (families.isEmpty()) throw new IllegalArgumentException("no families");
    gracefulRestart = gracefulRestart == null ? GracefulRestartConfig.DISABLED : gracefulRestart;
    connectRetry = connectRetry == null ? Duration.ofSeconds(30) : connectRetry;
  }

  public boolean internal() {
    return localAs == peerAs;
  }
}
