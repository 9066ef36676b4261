package io.weft.bgp.session;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** Blocking TCP channels for BGP, with optional RFC 2385 MD5 keys set before any SYN. */
public final class TcpTransport {
  private TcpTransport() {}

  /**
   * Connects to {@code remote} from {@code localAddress} (null: any), with {@code md5Key}
   * (null: none). The timeout bounds the wait for the handshake.
   */
  public static SocketChannel connect(InetAddress localAddress, InetSocketAddress remote, String md5Key, Duration timeout)
      throws IOException {
    boolean v4 = remote.getAddress() instanceof Inet4Address;
    SocketChannel ch = SocketChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    try {
      ch.bind(new InetSocketAddress(localAddress, 0));
      if (md5Key != null && !md5Key.isEmpty()) {
        TcpMd5.SocketFd fd = TcpMd5.socketFd((InetSocketAddress) ch.getLocalAddress(), false);
        TcpMd5.setKey(fd.fd(), fd.ipv6(), remote.getAddress(), md5Key);
      }
      ch.configureBlocking(true);
      // A blocking connect has no timeout: race it against a timer that closes the channel.
      Thread watchdog = Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(timeout);
          if (!ch.isConnected()) ch.close();
        } catch (InterruptedException | IOException ignored) {
          // connected in time, or already closed
        }
      });
      try {
        ch.connect(remote);
      } finally {
        watchdog.interrupt();
      }
      ch.socket().setTcpNoDelay(true);
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** A listening channel on {@code local}. */
  public static ServerSocketChannel listen(InetSocketAddress local) throws IOException {
    boolean v4 = local.getAddress() instanceof Inet4Address;
    ServerSocketChannel s = ServerSocketChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    s.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
    s.bind(local, 64);
    return s;
  }

  /** Adds (or removes, with an empty key) a peer's MD5 key on a listening channel; accepted sockets inherit it. */
  public static void setListenerKey(ServerSocketChannel s, InetAddress peer, String key) throws IOException {
    TcpMd5.SocketFd fd = TcpMd5.socketFd((InetSocketAddress) s.getLocalAddress(), true);
    TcpMd5.setKey(fd.fd(), fd.ipv6(), peer, key);
  }
}
