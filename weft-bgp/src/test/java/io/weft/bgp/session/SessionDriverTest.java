package io.weft.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.Family;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The driver's socket handling on loopback. */
class SessionDriverTest {
  static final SessionConfig ACTIVE = new SessionConfig(64512, Addresses.parseV4("10.0.0.1"), 64512, 90,
      List.of(Family.IPV4_VPN), GracefulRestartConfig.DISABLED, false, Duration.ofSeconds(30));

  /**
   * A session removed while its connect is in flight must not leak the socket that connect
   * returns later: the peer would sit in OpenSent on it for minutes and refuse new sessions.
   */
  @Test
  void aConnectionThatCompletesAfterStopIsClosed() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(Addresses.parse("127.0.0.1"), 0))) {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      SessionDriver.Connector slow = () -> {
        entered.countDown();
        // Deaf to the stop's interrupt: the worst case, a connect that completes after the stop anyway.
        while (true) {
          try {
            release.await();
            break;
          } catch (InterruptedException ignored) {
            // keep waiting
          }
        }
        return SocketChannel.open(server.getLocalAddress());
      };
      SessionDriver d = new SessionDriver(new Fsm(ACTIVE), slow, InstantSource.system(), new SessionListener() {}, "in-flight");
      d.start();
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      d.close();
      release.countDown();
      try (SocketChannel accepted = server.accept()) {
        InputStream in = accepted.socket().getInputStream();
        accepted.socket().setSoTimeout(5000);
        int first;
        try {
          first = in.read();
        } catch (SocketTimeoutException e) {
          first = -2; // still open: leaked
        }
        assertThat(first).as("the stopped driver closed the late connection (EOF)").isEqualTo(-1);
      }
    }
  }

  /** Stopping while connected in OpenSent closes the connection too. */
  @Test
  void stopInOpenSentClosesTheConnection() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(Addresses.parse("127.0.0.1"), 0))) {
      SessionDriver d = new SessionDriver(new Fsm(ACTIVE), () -> SocketChannel.open(server.getLocalAddress()),
          InstantSource.system(), new SessionListener() {}, "open-sent");
      d.start();
      try (SocketChannel accepted = server.accept()) {
        accepted.socket().setSoTimeout(5000);
        InputStream in = accepted.socket().getInputStream();
        byte[] open = in.readNBytes(19);
        assertThat(open[18]).as("our OPEN").isEqualTo((byte) 1);
        d.close();
        // Rest of the OPEN, then the Cease NOTIFICATION, then EOF.
        int b;
        int seen = 0;
        while ((b = in.read()) >= 0) seen++;
        assertThat(seen).isPositive();
        assertThat(b).isEqualTo(-1);
      }
    }
  }
}
