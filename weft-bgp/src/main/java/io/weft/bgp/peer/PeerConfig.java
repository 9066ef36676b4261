package io.weft.bgp.peer;

import io.weft.bgp.session.SessionConfig;
import io.weft.bgp.wire.Family;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * A neighbour: its address and port, AS, the families to offer, hold time, RFC 2385 MD5
 * key (null for none), whether we only wait for it to connect, the local address to
 * connect from (null for any), and the connect retry interval.
 */
public record PeerConfig(InetAddress address, int port, long remoteAs, List<Family> families, int holdTime,
    String md5Key, boolean passive, InetAddress localAddress, Duration connectRetry) {
  public static final int BGP_PORT = 179;

  public PeerConfig {
    families = List.copyOf(families);
    connectRetry = connectRetry == null ? Duration.ofSeconds(30) : connectRetry;
  }

  public static PeerConfig of(InetAddress address, int port, long remoteAs, List<Family> families) {
    return new PeerConfig(address, port, remoteAs, families, SessionConfig.DEFAULT_HOLD_TIME, null, false, null, null);
  }

  public PeerConfig withMd5Key(String key) {
    return new PeerConfig(address, port, remoteAs, families, holdTime, key, passive, localAddress, connectRetry);
  }

  public PeerConfig withPassive(boolean p) {
    return new PeerConfig(address, port, remoteAs, families, holdTime, md5Key, p, localAddress, connectRetry);
  }

  public PeerConfig withLocalAddress(InetAddress a) {
    return new PeerConfig(address, port, remoteAs, families, holdTime, md5Key, passive, a, connectRetry);
  }

  public PeerConfig withHoldTime(int seconds) {
    return new PeerConfig(address, port, remoteAs, families, seconds, md5Key, passive, localAddress, connectRetry);
  }

  public PeerConfig withConnectRetry(Duration d) {
    return new PeerConfig(address, port, remoteAs, families, holdTime, md5Key, passive, localAddress, d);
  }
}
