package io.weft.bgp.peer;

import io.weft.bgp.session.Fsm;
import io.weft.bgp.session.SessionConfig;
import io.weft.bgp.session.SessionDriver;
import io.weft.bgp.session.TcpTransport;
import io.weft.bgp.wire.ErrorCode;
import io.weft.bgp.wire.Notification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BGP speaker: listens for neighbours, runs one session per configured neighbour and
 * reports what they send as {@link PeerEvent}s. It holds no Loc-RIB: the control node decides
 * what goes to whom, into the speaker's one {@link AdjRibOut}.
 *
 * <p>Threads: the accept loop is one virtual thread; each peer's session runs on its own
 * virtual threads (see {@link SessionDriver}); the peer map is a concurrent map.
 */
public final class BgpSpeaker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BgpSpeaker.class);

  private final SpeakerConfig config;
  private final Consumer<PeerEvent> events;
  private final InstantSource clock;
  private final ConcurrentHashMap<InetAddress, BgpPeer> peers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("bgp-timers").factory());
  private ServerSocketChannel listener;
  private Thread acceptLoop;
  private final AdjRibOut adjRibOut;

  public BgpSpeaker(SpeakerConfig config, Consumer<PeerEvent> events, InstantSource clock) {
    this.config = config;
    this.events = events;
    this.clock = clock;
    this.adjRibOut = new AdjRibOut(config.localAs());
  }

  public BgpSpeaker(SpeakerConfig config, Consumer<PeerEvent> events) {
    this(config, events, InstantSource.system());
  }

  /** Opens the listening socket if one is configured. */
  public synchronized void start() throws IOException {
    if (config.listen() == null || listener != null) return;
    listener = TcpTransport.listen(config.listen());
    for (BgpPeer p : peers.values()) {
      if (p.config().md5Key() != null) TcpTransport.setListenerKey(listener, p.address(), p.config().md5Key());
    }
    ServerSocketChannel l = listener;
    acceptLoop = Thread.ofVirtual().name("bgp-accept").start(() -> acceptLoop(l));
  }

  /** The bound listening address (useful with port 0). */
  public synchronized InetSocketAddress listenAddress() throws IOException {
    return listener == null ? null : (InetSocketAddress) listener.getLocalAddress();
  }

  private void acceptLoop(ServerSocketChannel l) {
    while (l.isOpen()) {
      try {
        SocketChannel ch = l.accept();
        InetAddress remote = ((InetSocketAddress) ch.getRemoteAddress()).getAddress();
        BgpPeer p = peers.get(remote);
        if (p == null) {
          LOG.info("rejecting connection from unconfigured {}", remote.getHostAddress());
          ch.close();
          continue;
        }
        ch.socket().setTcpNoDelay(true);
        p.accept(ch);
      } catch (IOException | RuntimeException e) {
        // A failure with one connection must not end the loop: no neighbour could connect afterwards.
        if (l.isOpen()) LOG.warn("accept failed", e);
      }
    }
  }

  /** Configures a neighbour and starts its session. */
  public BgpPeer addPeer(PeerConfig pc) throws IOException {
    SessionConfig sc = new SessionConfig(config.localAs(), config.routerId(), pc.remoteAs(), pc.holdTime(),
        pc.families(), config.gracefulRestart(), pc.passive(), pc.connectRetry());
    BgpPeer peer = new BgpPeer(pc, events, timers, adjRibOut);
    InetSocketAddress remote = new InetSocketAddress(pc.address(), pc.port());
    SessionDriver d = new SessionDriver(new Fsm(sc),
        () -> TcpTransport.connect(pc.localAddress(), remote, pc.md5Key(), Duration.ofSeconds(5)),
        clock, peer, pc.address().getHostAddress());
    peer.attach(d); // before the accept loop can find the peer: it hands connections to the driver
    if (peers.putIfAbsent(pc.address(), peer) != null) throw new IllegalArgumentException("peer exists: " + pc.address());
    adjRibOut.add(peer); // before the session can come up: the driver runs from start() on
    synchronized (this) {
      if (listener != null && pc.md5Key() != null) TcpTransport.setListenerKey(listener, pc.address(), pc.md5Key());
    }
    d.start();
    return peer;
  }

  /** Stops a neighbour's session with Cease/Peer De-configured (RFC 4486) and forgets it. */
  public void removePeer(InetAddress address) throws IOException {
    BgpPeer p = peers.remove(address);
    if (p == null) return;
    p.driver().close(new Notification(ErrorCode.CEASE, ErrorCode.PEER_DECONFIGURED));
    adjRibOut.remove(p);
    synchronized (this) {
      if (listener != null && p.config().md5Key() != null) TcpTransport.setListenerKey(listener, address, "");
    }
  }

  /**
   * Holds back End-of-RIB (RFC 4724 §4.1, the restarting speaker): sessions that come up get
   * our Adj-RIB-Out but no End-of-RIB, so helpers keep our stale routes until
   * {@link #releaseEndOfRib} says our routes are back (agents re-published, or a timer).
   */
  public void deferEndOfRib() {
    adjRibOut.deferEndOfRib();
  }

  /** Sends every End-of-RIB held back by {@link #deferEndOfRib}, and stops holding them. */
  public void releaseEndOfRib() {
    adjRibOut.releaseEndOfRib();
  }

  /** What every neighbour is sent: one table for all of them. */
  public AdjRibOut adjRibOut() {
    return adjRibOut;
  }

  /**
   * Stops every session without a NOTIFICATION, as a restart does: helpers keep our routes
   * as stale for our restart time (RFC 4724 §4.2; a Cease would make them drop them).
   */
  public void closeForRestart() {
    for (BgpPeer p : peers.values()) p.driver().close(null);
    close();
  }

  public BgpPeer peer(InetAddress address) {
    return peers.get(address);
  }

  public List<BgpPeer> peers() {
    return List.copyOf(peers.values());
  }

  @Override
  public void close() {
    for (BgpPeer p : peers.values()) p.driver().close();
    peers.clear();
    synchronized (this) {
      if (listener != null) {
        try {
          listener.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
    timers.shutdownNow();
    adjRibOut.close();
  }
}
