package io.weft.bgp.peer;

import static io.weft.bgp.peer.RawPeer.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.weft.bgp.session.GracefulRestartConfig;
import io.weft.bgp.session.OutboundBacklog;
import io.weft.bgp.session.SessionState;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.Communities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.Keepalive;
import io.weft.bgp.wire.MultiExitDisc;
import io.weft.bgp.wire.Origin;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A neighbour that stops reading, over real TCP: a Weft speaker (127.0.0.61) and a raw socket
 * that completes the OPEN/KEEPALIVE exchange and then reads nothing while the speaker has
 * some 11 MB of UPDATEs for it (12,500 of ~900 octets), far more than the kernel holds. The
 * session must not wait on that socket: its Hold Timer still expires once the neighbour stops
 * sending too (RFC 4271 §6.5), and stopping it returns at once; either way neither its threads
 * nor its socket stay behind.
 */
class StuckNeighbourTest {
  private static final int ROUTES = 100_000;
  private static final long AS = 64512;
  private static final List<Family> FAMILIES = List.of(Family.IPV4_UNICAST);
  private static final int ROUTES_PER_PATH = 8;
  private static final Communities COMMUNITIES = new Communities(
      LongStream.range(0, 200).map(c -> (AS << 16) | c).boxed().toList());
  private static final InetAddress SPEAKER = Addresses.parse("127.0.0.61");
  /** What the raw neighbour offers in its OPEN (RFC 4271 §4.2: the smaller offer is used). */
  private static final int HOLD_TIME = 3;

  @Test
  void theHoldTimerExpiresWhileWritesAreStuck() throws Exception {
    InetAddress stuckAddress = Addresses.parse("127.0.0.62");
    try (BgpSpeaker speaker = speaker(); SocketChannel stuck = SocketChannel.open()) {
      BgpPeer toStuck = speaker.addPeer(PeerConfig.of(stuckAddress, speaker.listenAddress().getPort(), AS, FAMILIES)
          .withPassive(true));
      connect(stuck, stuckAddress, speaker, HOLD_TIME);
      waitFor(() -> toStuck.negotiated() != null); // set once established
      assertThat(toStuck.negotiated().holdTime()).isEqualTo(HOLD_TIME);
      // It keeps the session up with KEEPALIVEs while the speaker's writes pile up.
      CountDownLatch stopSending = new CountDownLatch(1);
      Thread keepalives = Thread.ofVirtual().name("stuck-keepalives").start(() -> {
        try {
          while (!stopSending.await(1, TimeUnit.SECONDS)) RawPeer.write(stuck, new Keepalive());
        } catch (IOException | InterruptedException e) {
          // the test fails on the state below
        }
      });
      advertise(speaker);
      waitFor(() -> toStuck.queuedOctets() > OutboundBacklog.HIGH_WATER, Duration.ofSeconds(30), "writes stuck");
      assertThat(toStuck.state()).isEqualTo(SessionState.ESTABLISHED);
      assertThat(threadDump()).contains("\"bgp-127.0.0.62-reader");

      stopSending.countDown();
      keepalives.join();
      // Now it neither reads nor sends: the last KEEPALIVE is at most a second old.
      waitFor(() -> toStuck.state() != SessionState.ESTABLISHED, Duration.ofSeconds(HOLD_TIME + 3), "hold timer expiry");
      assertThat(toStuck.lastDown()).isEqualTo("hold timer expired");
      assertConnectionGone(stuck, "bgp-127.0.0.62-");
      waitFor(() -> toStuck.queuedOctets() == 0, Duration.ofSeconds(5), "the unwritten UPDATEs given back");
    }
  }

  /** The two ways a session is stopped from outside. */
  enum Stop {
    REMOVE_PEER {
      @Override
      void stop(BgpSpeaker speaker, InetAddress peer) throws IOException {
        speaker.removePeer(peer);
      }
    },
    CLOSE_SPEAKER {
      @Override
      void stop(BgpSpeaker speaker, InetAddress peer) {
        speaker.close();
      }
    };

    abstract void stop(BgpSpeaker speaker, InetAddress peer) throws IOException;
  }

  @ParameterizedTest
  @EnumSource(Stop.class)
  void stoppingAStuckSessionReturnsAtOnceAndLeavesNothingBehind(Stop how) throws Exception {
    InetAddress stuckAddress = Addresses.parse("127.0.0.63");
    try (BgpSpeaker speaker = speaker(); SocketChannel stuck = SocketChannel.open()) {
      BgpPeer toStuck = speaker.addPeer(PeerConfig.of(stuckAddress, speaker.listenAddress().getPort(), AS, FAMILIES)
          .withPassive(true));
      connect(stuck, stuckAddress, speaker, 90);
      waitFor(() -> toStuck.negotiated() != null);
      advertise(speaker);
      waitFor(() -> toStuck.queuedOctets() > OutboundBacklog.HIGH_WATER, Duration.ofSeconds(30), "writes stuck");

      assertThat(threadDump()).contains("\"bgp-127.0.0.63-reader");
      long start = System.nanoTime();
      how.stop(speaker, stuckAddress);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertConnectionGone(stuck, "bgp-127.0.0.63"); // the session's loop too
    }
  }

  private static BgpSpeaker speaker() throws IOException {
    BgpSpeaker s = new BgpSpeaker(new SpeakerConfig(AS, Addresses.parseV4("10.0.0.61"), new InetSocketAddress(SPEAKER, 0),
        GracefulRestartConfig.DISABLED), e -> { });
    s.start();
    return s;
  }

  /** Connects with a small receive window (the kernel holds little for it) and completes the handshake. */
  private static void connect(SocketChannel ch, InetAddress from, BgpSpeaker speaker, int holdTime) throws IOException {
    ch.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024);
    ch.bind(new InetSocketAddress(from, 0));
    ch.connect(speaker.listenAddress());
    RawPeer.handshake(ch, AS, "10.0.0.62", holdTime, FAMILIES);
  }

  private static void advertise(BgpSpeaker speaker) {
    for (int i = 0; i < ROUTES; i++) {
      IpPrefix p = IpPrefix.parse("20." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff) + "/32");
      speaker.adjRibOut().advertise(new Route(Family.IPV4_UNICAST, p, Addresses.parse("192.0.2.1"),
          List.of(Origin.IGP, AsPath.EMPTY, new MultiExitDisc(i / ROUTES_PER_PATH), COMMUNITIES)), x -> true);
    }
  }

  /**
   * The speaker closed its end: reading what it had sent ends in EOF (or a reset), and no
   * thread named {@code threadPrefix} is left (virtual threads only show in a thread dump).
   */
  private static void assertConnectionGone(SocketChannel ch, String threadPrefix) throws Exception {
    Thread reader = Thread.ofVirtual().name("stuck-reads-to-eof").start(() -> {
      ByteBuffer b = ByteBuffer.allocate(64 * 1024);
      try {
        while (ch.read(b.clear()) >= 0) {
          // what the kernel still had for us
        }
      } catch (IOException e) {
        // reset: gone too
      }
    });
    if (!reader.join(Duration.ofSeconds(10))) {
      ch.close(); // ends the reader
      throw new AssertionError("the speaker's socket is still open");
    }
    waitFor(() -> !threadDump().contains('"' + threadPrefix), Duration.ofSeconds(5), "threads " + threadPrefix + "* gone");
  }

  private static String threadDump() {
    try {
      Path p = Files.createTempFile("threads", ".json");
      Files.delete(p); // dumpThreads will not overwrite
      try {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(p.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        return Files.readString(p);
      } finally {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
