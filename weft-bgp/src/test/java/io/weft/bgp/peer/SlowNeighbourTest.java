package io.weft.bgp.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.session.GracefulRestartConfig;
import io.weft.bgp.session.OutboundBacklog;
import io.weft.bgp.session.SessionState;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.Communities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.MultiExitDisc;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.Update;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A neighbour that stops reading, over real TCP: a Weft speaker (127.0.0.51) with a Weft
 * neighbour (127.0.0.52) and a raw socket (127.0.0.53) that completes the OPEN/KEEPALIVE
 * exchange and then reads nothing. Both are internal peers with the same families, so one
 * update group. Every eight routes share a MED and 200 communities, so 12,500 UPDATEs of
 * ~900 octets: some 11 MB, more than the kernel holds, that the speaker used to queue for
 * the stuck socket.
 */
class SlowNeighbourTest {
  private static final int ROUTES = 100_000;
  private static final long AS = 64512;
  private static final List<Family> FAMILIES = List.of(Family.IPV4_UNICAST);
  /** Routes sharing a MED, hence an UPDATE: fewer UPDATEs to encode, each of them one message. */
  private static final int ROUTES_PER_PATH = 8;
  private static final Communities COMMUNITIES = new Communities(
      java.util.stream.LongStream.range(0, 200).map(c -> (AS << 16) | c).boxed().toList());

  @Test
  void aNeighbourThatStopsReadingCostsBoundedMemoryAndDelaysNoOne() throws Exception {
    InetAddress speakerAddress = Addresses.parse("127.0.0.51");
    InetAddress fastAddress = Addresses.parse("127.0.0.52");
    InetAddress stuckAddress = Addresses.parse("127.0.0.53");
    Map<IpPrefix, Long> fastHas = new ConcurrentHashMap<>();
    try (BgpSpeaker speaker = new BgpSpeaker(new SpeakerConfig(AS, Addresses.parseV4("10.0.0.51"),
            new InetSocketAddress(speakerAddress, 0), GracefulRestartConfig.DISABLED), e -> { });
        BgpSpeaker fast = new BgpSpeaker(new SpeakerConfig(AS, Addresses.parseV4("10.0.0.52"), null,
            GracefulRestartConfig.DISABLED), e -> record(e, fastHas));
        SocketChannel stuck = SocketChannel.open()) {
      speaker.start();
      int port = speaker.listenAddress().getPort();
      BgpPeer toFast = speaker.addPeer(PeerConfig.of(fastAddress, port, AS, FAMILIES).withPassive(true));
      BgpPeer toStuck = speaker.addPeer(PeerConfig.of(stuckAddress, port, AS, FAMILIES).withPassive(true));
      fast.addPeer(PeerConfig.of(speakerAddress, port, AS, FAMILIES).withLocalAddress(fastAddress)
          .withConnectRetry(Duration.ofSeconds(1)));
      // A small receive window: the kernel holds little for it, the speaker's queue the rest.
      stuck.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024);
      stuck.bind(new InetSocketAddress(stuckAddress, 0));
      stuck.connect(new InetSocketAddress(speakerAddress, port));
      RawPeer.handshake(stuck, AS, "10.0.0.53", 90, FAMILIES);
      RawPeer.waitFor(() -> toFast.negotiated() != null && toStuck.negotiated() != null); // set once established
      assertThat(toStuck.negotiated().wireOptions()).isEqualTo(toFast.negotiated().wireOptions()); // one update group

      Map<IpPrefix, Long> expected = new HashMap<>();
      for (int i = 0; i < ROUTES; i++) {
        speaker.adjRibOut().advertise(route(i, i / ROUTES_PER_PATH), p -> true);
        expected.put(prefix(i), (long) i / ROUTES_PER_PATH);
      }
      RawPeer.waitFor(() -> fastHas.equals(expected));
      // While stuck: a tenth withdrawn (never read by the stuck one), a fifth changed.
      for (int i = 0; i < ROUTES / 10; i++) {
        speaker.adjRibOut().withdraw(new FamilyNlri(Family.IPV4_UNICAST, prefix(i)));
        expected.remove(prefix(i));
      }
      for (int i = ROUTES / 10; i < ROUTES * 3 / 10; i++) {
        speaker.adjRibOut().advertise(route(i, 1_000_000 + i / ROUTES_PER_PATH), p -> true);
        expected.put(prefix(i), 1_000_000L + i / ROUTES_PER_PATH);
      }
      RawPeer.waitFor(() -> fastHas.equals(expected));
      // Past the mark it is handed at most one more message group: an UPDATE (a MED per eight routes), or
      // one batch's withdrawals (4096 /32s, 20 KiB).
      long bound = OutboundBacklog.HIGH_WATER + 64 * 1024;
      assertThat(toStuck.driver().peakQueuedOctets()).isPositive().isLessThanOrEqualTo(bound);
      assertThat(toStuck.pendingPrefixes()).as("what it still needs is in its pending bits").isPositive();
      assertThat(toStuck.state()).isEqualTo(SessionState.ESTABLISHED);

      Map<IpPrefix, Long> stuckHas = new ConcurrentHashMap<>();
      Thread reader = Thread.ofVirtual().name("stuck-reads-again").start(() -> readAll(stuck, stuckHas));
      RawPeer.waitFor(() -> stuckHas.equals(expected));
      RawPeer.waitFor(() -> toStuck.pendingPrefixes() == 0);
      assertThat(stuckHas).isEqualTo(expected);
      Map<IpPrefix, Long> itsAdjRibOut = new HashMap<>();
      for (Route r : speaker.adjRibOut().routes(toStuck)) itsAdjRibOut.put((IpPrefix) r.nlri(), r.attribute(MultiExitDisc.class).orElseThrow().value());
      assertThat(stuckHas).isEqualTo(itsAdjRibOut);
      assertThat(toStuck.driver().peakQueuedOctets()).isLessThanOrEqualTo(bound);
      stuck.close();
      reader.join(Duration.ofSeconds(5));
    }
  }

  private static IpPrefix prefix(int i) {
    return IpPrefix.parse("20." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff) + "/32");
  }

  private static Route route(int i, long med) {
    return new Route(Family.IPV4_UNICAST, prefix(i), Addresses.parse("192.0.2.1"),
        List.of(Origin.IGP, AsPath.EMPTY, new MultiExitDisc(med), COMMUNITIES));
  }

  private static void record(PeerEvent e, Map<IpPrefix, Long> has) {
    switch (e) {
      case PeerEvent.RoutesReceived r -> r.routes().forEach(x ->
          has.put((IpPrefix) x.nlri(), x.attribute(MultiExitDisc.class).map(MultiExitDisc::value).orElse(-1L)));
      case PeerEvent.RoutesWithdrawn w -> w.withdrawn().forEach(x -> has.remove((IpPrefix) x.nlri()));
      default -> { }
    }
  }

  /** Applies every UPDATE to {@code has} until the socket closes. */
  private static void readAll(SocketChannel ch, Map<IpPrefix, Long> has) {
    try {
      while (true) {
        if (!(RawPeer.read(ch) instanceof Update u)) continue;
        u.withdrawn().forEach(has::remove);
        long med = u.attribute(MultiExitDisc.class).map(MultiExitDisc::value).orElse(-1L);
        for (IpPrefix p : u.nlri()) has.put(p, med);
      }
    } catch (IOException e) {
      // closed at the end of the test
    }
  }
}
