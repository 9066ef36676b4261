package io.weft.bgp.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.session.GracefulRestartConfig;
import io.weft.bgp.session.SessionState;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.VpnPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two Weft speakers, both active, connecting to each other at once: RFC 4271 §6.8 keeps the
 * connection initiated by the higher BGP identifier and the session comes up once, on both
 * sides, and stays up. Addresses 127.0.0.31/32, ports chosen by the kernel.
 */
class CollisionTest {
  @ParameterizedTest(name = "started {0} times")
  @ValueSource(ints = {1, 8})
  void bothActiveEstablishOneSession(int rounds) throws Exception {
    for (int round = 0; round < rounds; round++) run();
  }

  private void run() throws Exception {
    InetAddress a = Addresses.parse("127.0.0.31");
    InetAddress b = Addresses.parse("127.0.0.32");
    List<PeerEvent> eventsA = new CopyOnWriteArrayList<>();
    List<PeerEvent> eventsB = new CopyOnWriteArrayList<>();
    try (BgpSpeaker sa = new BgpSpeaker(new SpeakerConfig(64512, Addresses.parseV4("10.0.0.1"), new InetSocketAddress(a, 0),
            GracefulRestartConfig.DISABLED), eventsA::add);
        BgpSpeaker sb = new BgpSpeaker(new SpeakerConfig(64512, Addresses.parseV4("10.0.0.2"), new InetSocketAddress(b, 0),
            GracefulRestartConfig.DISABLED), eventsB::add)) {
      sa.start();
      sb.start();
      int pa = sa.listenAddress().getPort();
      int pb = sb.listenAddress().getPort();
      List<Family> fams = List.of(Family.IPV4_VPN);
      BgpPeer toB = sa.addPeer(PeerConfig.of(b, pb, 64512, fams).withLocalAddress(a).withConnectRetry(Duration.ofSeconds(1)));
      BgpPeer toA = sb.addPeer(PeerConfig.of(a, pa, 64512, fams).withLocalAddress(b).withConnectRetry(Duration.ofSeconds(1)));
      waitFor(() -> toB.state() == SessionState.ESTABLISHED && toA.state() == SessionState.ESTABLISHED, Duration.ofSeconds(20));

      VpnPrefix nlri = new VpnPrefix(RouteDistinguisher.parse("10.0.0.1:1"), 100, IpPrefix.parse("10.1.1.1/32"));
      toB.advertise(new Route(Family.IPV4_VPN, nlri, Addresses.parse("192.0.2.1"),
          List.of(Origin.IGP, new ExtendedCommunities(List.of(RouteTarget.parse("64512:1"))))));
      waitFor(() -> eventsB.stream().anyMatch(e -> e instanceof PeerEvent.RoutesReceived r
          && r.routes().stream().anyMatch(x -> x.nlri().equals(nlri))), Duration.ofSeconds(10));

      Thread.sleep(1500); // a lost collision would show as a second session or a drop by now
      assertThat(toB.state()).isEqualTo(SessionState.ESTABLISHED);
      assertThat(toA.state()).isEqualTo(SessionState.ESTABLISHED);
      assertThat(eventsA.stream().filter(e -> e instanceof PeerEvent.Established).count()).isEqualTo(1);
      assertThat(eventsB.stream().filter(e -> e instanceof PeerEvent.Established).count()).isEqualTo(1);
      assertThat(eventsA.stream().filter(e -> e instanceof PeerEvent.SessionDown).count()).isZero();
      assertThat(eventsB.stream().filter(e -> e instanceof PeerEvent.SessionDown).count()).isZero();
    }
  }

  static void waitFor(java.util.function.BooleanSupplier ok, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("condition not met within " + max);
      Thread.sleep(20);
    }
  }
}
