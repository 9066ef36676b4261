package io.weft.bgp.peer;

import io.weft.bgp.session.GracefulRestartConfig;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * The local speaker: AS, BGP identifier, where to listen (null: connect out only) and
 * the graceful restart capability to advertise.
 */
public record SpeakerConfig(long localAs, Inet4Address routerId, InetSocketAddress listen,
    GracefulRestartConfig gracefulRestart) {
  public SpeakerConfig {
    gracefulRestart = gracefulRestart == null ? GracefulRestartConfig.DISABLED : gracefulRestart;
  }
}
