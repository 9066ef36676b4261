package io.weft.bgp.session;

import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.DecodeError;
import io.weft.bgp.wire.DecodeResult;
import io.weft.bgp.wire.EncodedMessages;
import io.weft.bgp.wire.ErrorCode;
import io.weft.bgp.wire.Frame;
import io.weft.bgp.wire.Keepalive;
import io.weft.bgp.wire.Framing;
import io.weft.bgp.wire.MessageCodec;
import io.weft.bgp.wire.Notification;
import io.weft.bgp.wire.Open;
import io.weft.bgp.wire.WireOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one BGP session: feeds the pure {@link Fsm} from a socket and a clock and carries
 * out its actions.
 *
 * <p>Threads: one virtual thread (the loop) owns the FSM state, the socket's output and
 * all listener callbacks; each connection has a virtual reader thread that only frames
 * bytes and queues them; connects run on short-lived virtual threads. Everything reaches
 * the loop through {@code inbox}, so the FSM state needs no lock. Events from a closed
 * connection carry an old generation number and are dropped. Output is buffered: messages
 * are encoded into one buffer that is written when full or when the inbox runs empty, so
 * a burst of UPDATEs costs few system calls. Writes block, so a peer that stops reading
 * stops this loop; the encoded UPDATEs queued meanwhile are counted ({@link OutboundBacklog})
 * so whoever hands them over can stop at a bound.
 *
 * <p>Connection collisions (RFC 4271 §6.8): when both sides connect, a second connection
 * arriving while the first is in OpenSent/OpenConfirm is kept beside it and sent our OPEN;
 * the connection initiated by the speaker with the higher BGP identifier stays, and the
 * other is closed with Cease/Connection Collision Resolution. Only the speaker with the
 * higher identifier decides (when the second OPEN arrives); the other follows what it does
 * (a Cease on one connection, or a KEEPALIVE completing the handshake on one). Deciding on
 * both sides races: the higher one may already be Established on the connection the lower
 * one, still in OpenConfirm, would close. For the same reason the deciding side keeps a
 * first connection it has already confirmed (OpenConfirm) whatever the identifiers say.
 *
 * <p>A stopped driver closes every socket it still holds or is handed later, including one
 * whose connect was in flight when it stopped, so the peer is not left waiting in OpenSent.
 */
public final class SessionDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionDriver.class);

  /** Opens the TCP connection for an active session. */
  @FunctionalInterface
  public interface Connector {
    SocketChannel connect() throws IOException;
  }

  private record Connected(SocketChannel channel, boolean inbound) {}

  private record Inbound(long generation, Frame frame, DecodeError headerError, String closed) {}

  private record Terminate() {}

  /** The second connection of a collision (RFC 4271 §6.8), until one of the two is chosen. */
  private static final class Candidate {
    final SocketChannel channel;
    final boolean inbound;
    final long generation;
    Open open; // its OPEN, once received

    Candidate(SocketChannel channel, boolean inbound, long generation) {
      this.channel = channel;
      this.inbound = inbound;
      this.generation = generation;
    }
  }

  private final Fsm fsm;
  private final Connector connector;
  private final InstantSource clock;
  private final SessionListener listener;
  private final String name;
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private volatile FsmState state = FsmState.INITIAL;
  private SocketChannel channel; // loop thread only
  private boolean channelInbound; // loop thread only
  private Candidate candidate; // loop thread only
  private long generation; // loop thread only: the current connection's number
  private long generations; // loop thread only: the last number given to any connection
  private final ByteBuffer output = ByteBuffer.allocate(64 * 1024); // loop thread only
  private final OutboundBacklog backlog = new OutboundBacklog();
  private Thread loop; // guarded by this
  private boolean terminated; // guarded by this: no socket handed over from now on is used
  private final Set<Thread> connecting = ConcurrentHashMap.newKeySet();

  public SessionDriver(Fsm fsm, Connector connector, InstantSource clock, SessionListener listener, String name) {
    this.fsm = fsm;
    this.connector = connector;
    this.clock = clock;
    this.listener = listener;
    this.name = name;
  }

  public synchronized void start() {
    if (loop != null) return;
    loop = Thread.ofVirtual().name("bgp-" + name).start(this::run);
    inbox.add(new FsmEvent.Start());
  }

  /** Hands over an accepted connection; the driver closes it if it already has one. */
  public void accept(SocketChannel ch) {
    handOver(new Connected(ch, true));
  }

  /** Queues a new connection for the loop, or closes it if the driver has stopped. */
  private void handOver(Connected c) {
    synchronized (this) {
      if (!terminated) {
        inbox.add(c);
        return;
      }
    }
    quietClose(c.channel());
  }

  /** Queues a message to send once established (dropped otherwise). */
  public void send(BgpMessage m) {
    inbox.add(new FsmEvent.Send(m));
  }

  /**
   * Queues UPDATEs encoded already (for this session's options) to send once established
   * (dropped otherwise). The caller bounds the queue: it asks {@link #backlogged} first.
   */
  public void send(EncodedMessages m) {
    backlog.added(m.length());
    inbox.add(new FsmEvent.SendEncoded(m));
  }

  /**
   * True while more encoded UPDATEs wait for the socket than a neighbour should cost
   * ({@link OutboundBacklog#HIGH_WATER}): hand it no more. {@link SessionListener#drained}
   * follows once the queue is low again.
   */
  public boolean backlogged() {
    return backlog.full();
  }

  /** Octets of encoded UPDATEs queued and not yet taken for the socket (metrics). */
  public long queuedOctets() {
    return backlog.bytes();
  }

  /** The most {@link #queuedOctets} ever was (metrics). */
  public long peakQueuedOctets() {
    return backlog.peak();
  }

  public SessionState state() {
    return state.state();
  }

  public Negotiated negotiated() {
    return state.negotiated();
  }

  /** Stops the session with a Cease/Administrative Shutdown (RFC 4486) and ends the loop. */
  @Override
  public void close() {
    close(new Notification(ErrorCode.CEASE, ErrorCode.ADMINISTRATIVE_SHUTDOWN));
  }

  /** Stops the session with {@code cease} (sent if a session exists; null: none) and ends the loop. */
  public void close(Notification cease) {
    inbox.add(new FsmEvent.Stop(cease));
    inbox.add(new Terminate());
    Thread t;
    synchronized (this) {
      t = loop;
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      while (true) {
        Instant deadline = state.nextDeadline();
        Object item;
        if (deadline != null && !clock.instant().isBefore(deadline)) {
          item = new FsmEvent.Tick(); // due timers fire even while the inbox is busy
        } else {
          item = inbox.poll();
          if (item == null) {
            flush();
            if (deadline == null) {
              item = inbox.take();
            } else {
              long wait = Duration.between(clock.instant(), deadline).toMillis();
              item = wait <= 0 ? inbox.poll() : inbox.poll(wait, TimeUnit.MILLISECONDS);
              if (item == null) item = new FsmEvent.Tick();
            }
          }
        }
        if (item instanceof Terminate) break;
        handle(item);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("{}: session loop failed", name, e);
    } finally {
      flush();
      closeChannel();
      dropCandidate(null);
      synchronized (this) {
        terminated = true;
      }
      connecting.forEach(Thread::interrupt);
      // Connections handed over before the flag was set are closed here; later ones by handOver.
      for (Object o; (o = inbox.poll()) != null; ) {
        if (o instanceof Connected c) quietClose(c.channel());
      }
    }
  }

  private void handle(Object item) {
    switch (item) {
      case FsmEvent e -> {
        feed(e);
        // Taken, written to the buffer or dropped: either way no longer queued.
        if (e instanceof FsmEvent.SendEncoded s && backlog.taken(s.messages().length())) listener.drained();
      }
      case Connected c -> {
        SessionState st = state.state();
        boolean opening = st == SessionState.OPEN_SENT || st == SessionState.OPEN_CONFIRM;
        if (channel != null && opening && candidate == null && c.inbound() != channelInbound) {
          // RFC 4271 §6.8: keep both until the second one's OPEN tells whose BGP identifier is higher.
          candidate = new Candidate(c.channel(), c.inbound(), ++generations);
          startReader(c.channel(), candidate.generation);
          writeNow(c.channel(), OpenNegotiator.localOpen(fsm.config()));
          return;
        }
        if (channel != null || (st != SessionState.CONNECT && st != SessionState.ACTIVE)) {
          LOG.debug("{}: dropping extra {} connection in {}", name, c.inbound() ? "incoming" : "outgoing", st);
          quietClose(c.channel());
          return;
        }
        adopt(c.channel(), c.inbound());
        feed(new FsmEvent.TcpConnected());
      }
      case Inbound in -> {
        if (candidate != null && in.generation() == candidate.generation) {
          candidateInput(in);
          return;
        }
        if (in.generation() != generation) return;
        if (candidate != null && state.state() != SessionState.ESTABLISHED && (in.closed() != null || in.headerError() != null
            || isNotification(in.frame()))) {
          // The peer gave up this connection in favour of the other one.
          LOG.debug("{}: collision: the peer closed the {} connection; using the other", name, channelInbound ? "incoming" : "outgoing");
          promoteCandidate(null);
          return;
        }
        if (in.closed() != null) {
          feed(new FsmEvent.TcpClosed(in.closed()));
        } else if (in.headerError() != null) {
          feed(new FsmEvent.DecodeFailed(in.headerError()));
        } else {
          Negotiated n = state.negotiated();
          WireOptions opts = n == null ? WireOptions.DEFAULT : n.wireOptions();
          switch (MessageCodec.decode(in.frame(), opts)) {
            case DecodeResult.Decoded d -> {
              if (!d.discarded().isEmpty()) listener.discarded(d.discarded());
              feed(new FsmEvent.Received(d.message()));
            }
            case DecodeResult.TreatAsWithdraw w -> {
              LOG.warn("{}: UPDATE treated as withdraw: {}", name, w.cause());
              listener.treatedAsWithdraw(w.withdrawal(), w.cause());
              feed(new FsmEvent.Received(w.withdrawal()));
            }
            case DecodeResult.SessionReset r -> feed(new FsmEvent.DecodeFailed(r.error()));
          }
        }
      }
      default -> throw new IllegalStateException("unexpected " + item);
    }
  }

  private void feed(FsmEvent e) {
    FsmState before = state;
    Transition t = fsm.step(before, e, clock.instant());
    state = t.state();
    if (candidate != null && state.state() == SessionState.ESTABLISHED) dropCandidate(COLLISION); // RFC 4271 §6.8: Established wins
    for (FsmAction a : t.actions()) execute(a, before);
    if (before.state() != state.state()) {
      LOG.debug("{}: {} -> {} on {}", name, before.state(), state.state(), e.getClass().getSimpleName());
      listener.stateChanged(before.state(), state.state());
    }
  }

  private void adopt(SocketChannel ch, boolean inbound) {
    channel = ch;
    channelInbound = inbound;
    generation = ++generations;
    startReader(ch, generation);
  }

  private void startReader(SocketChannel ch, long gen) {
    Thread.ofVirtual().name("bgp-" + name + "-reader").start(() -> read(ch, gen));
  }

  private static boolean isNotification(Frame f) {
    return f != null && f.type() == BgpMessage.NOTIFICATION;
  }

  /** Input on the collision candidate: its OPEN decides (RFC 4271 §6.8); anything else ends it. */
  private void candidateInput(Inbound in) {
    BgpMessage m = in.frame() != null && MessageCodec.decode(in.frame(), WireOptions.DEFAULT) instanceof DecodeResult.Decoded d
        ? d.message() : null;
    if (m instanceof Open open && candidate.open == null) {
      candidate.open = open;
      resolveCollision();
      return;
    }
    if (m instanceof Keepalive && candidate.open != null) {
      // The peer (higher identifier) chose this connection: it answered our OPEN here.
      LOG.info("{}: connection collision: the peer kept the {} connection", name, candidate.inbound ? "incoming" : "outgoing");
      promoteCandidate(COLLISION);
      feed(new FsmEvent.Received(m));
      return;
    }
    LOG.debug("{}: collision: the peer gave up the second connection", name);
    dropCandidate(null);
  }

  /**
   * RFC 4271 §6.8: the connection initiated by the speaker with the higher BGP identifier
   * stays (compared as unsigned integers); the other is closed with Cease/7.
   */
  private void resolveCollision() {
    SessionState st = state.state();
    if (st == SessionState.ESTABLISHED) {
      dropCandidate(COLLISION);
      return;
    }
    boolean keepOutbound = Arrays.compareUnsigned(fsm.config().routerId().getAddress(), candidate.open.bgpId().getAddress()) > 0;
    if (!keepOutbound) return; // the peer has the higher identifier: it decides, we follow
    // Once we confirmed the first connection (KEEPALIVE sent, OpenConfirm) the peer may be
    // Established on it: keep it rather than break a session the peer already uses.
    boolean keepCandidate = !candidate.inbound && st == SessionState.OPEN_SENT;
    LOG.info("{}: connection collision (RFC 4271 §6.8): keeping the {} connection", name,
        keepOutbound ? "outgoing" : "incoming");
    if (keepCandidate) promoteCandidate(COLLISION);
    else dropCandidate(COLLISION);
  }

  private static final Notification COLLISION = new Notification(ErrorCode.CEASE, ErrorCode.CONNECTION_COLLISION_RESOLUTION);

  /** Closes the candidate, first telling the peer why when {@code cease} is given. */
  private void dropCandidate(Notification cease) {
    if (candidate == null) return;
    if (cease != null) writeNow(candidate.channel, cease);
    lingerAndClose(candidate.channel);
    candidate = null;
  }

  /**
   * The candidate becomes the session's connection: the old one is closed (with
   * {@code cease} if given), the state machine restarts from OpenSent on the new one (our
   * OPEN went out on it already) and is fed its OPEN if it came.
   */
  private void promoteCandidate(Notification cease) {
    Candidate c = candidate;
    candidate = null;
    flush();
    if (cease != null) writeNow(channel, cease);
    lingerAndClose(channel);
    channel = c.channel;
    channelInbound = c.inbound;
    generation = c.generation;
    FsmState before = state;
    state = new FsmState(SessionState.OPEN_SENT, clock.instant().plus(Fsm.OPEN_HOLD), null, null, null, before.autoRestart());
    if (before.state() != SessionState.OPEN_SENT) listener.stateChanged(before.state(), SessionState.OPEN_SENT);
    if (c.open != null) feed(new FsmEvent.Received(c.open));
  }

  private void execute(FsmAction a, FsmState before) {
    switch (a) {
      case FsmAction.Connect c -> Thread.ofVirtual().name("bgp-" + name + "-connect").start(() -> {
        Thread self = Thread.currentThread();
        connecting.add(self);
        try {
          synchronized (this) {
            if (terminated) return;
          }
          handOver(new Connected(connector.connect(), false));
        } catch (IOException | RuntimeException ex) {
          inbox.add(new FsmEvent.TcpConnectFailed(String.valueOf(ex.getMessage())));
        } finally {
          connecting.remove(self);
        }
      });
      case FsmAction.Send s -> write(s.message(), before);
      case FsmAction.SendEncoded s -> write(s.messages());
      case FsmAction.Close c -> lingerAndClose();
      case FsmAction.Established e -> {
        LOG.info("{}: established, families {}, hold {}s", name, e.negotiated().families(), e.negotiated().holdTime());
        listener.established(e.negotiated());
      }
      case FsmAction.Deliver d -> listener.received(d.message());
      case FsmAction.Down d -> {
        LOG.info("{}: down: {}", name, d.reason());
        listener.down(d);
      }
    }
  }

  private void write(BgpMessage m, FsmState before) {
    if (channel == null) return;
    Negotiated n = state.negotiated() != null ? state.negotiated() : before.negotiated();
    if (output.remaining() < MessageCodec.MAX_MESSAGE) flush();
    try {
      MessageCodec.encode(m, n == null ? WireOptions.DEFAULT : n.wireOptions(), output);
    } catch (IllegalArgumentException e) {
      LOG.error("{}: cannot encode {}: {}", name, m.getClass().getSimpleName(), e.getMessage());
    }
  }

  private void write(EncodedMessages m) {
    if (channel == null) return;
    byte[] b = m.bytes();
    for (int at = 0; at < b.length; ) {
      if (!output.hasRemaining()) flush();
      int n = Math.min(output.remaining(), b.length - at);
      output.put(b, at, n);
      at += n;
    }
  }

  /** Writes the buffered output to the session's connection. */
  private void flush() {
    if (output.position() == 0) return;
    output.flip();
    try {
      if (channel != null) {
        while (output.hasRemaining()) channel.write(output);
      }
    } catch (IOException e) {
      inbox.add(new Inbound(generation, null, null, "write failed: " + e.getMessage()));
    } finally {
      output.clear();
    }
  }

  /** Writes one message to a connection that is not (yet) the session's, unbuffered. */
  private void writeNow(SocketChannel ch, BgpMessage m) {
    try {
      ByteBuffer b = ByteBuffer.wrap(MessageCodec.encode(m, WireOptions.DEFAULT));
      while (b.hasRemaining()) ch.write(b);
    } catch (IOException e) {
      LOG.debug("{}: write on a second connection failed: {}", name, e.toString());
    }
  }

  /**
   * Closes after a NOTIFICATION without losing it: closing a socket with unread input
   * sends RST, and a peer that gets the RST first may drop our NOTIFICATION unread. So
   * half-close, let the (now ignored) reader drain, and close a moment later.
   */
  private void lingerAndClose() {
    if (channel == null) return;
    flush();
    SocketChannel ch = channel;
    channel = null;
    generation = ++generations;
    lingerAndClose(ch);
  }

  private void lingerAndClose(SocketChannel ch) {
    try {
      ch.shutdownOutput();
    } catch (IOException e) {
      quietClose(ch);
      return;
    }
    Thread.ofVirtual().name("bgp-" + name + "-linger").start(() -> {
      try {
        Thread.sleep(LINGER);
      } catch (InterruptedException ignored) {
        // close now
      }
      quietClose(ch);
    });
  }

  private static final Duration LINGER = Duration.ofMillis(500);

  private void closeChannel() {
    output.clear();
    if (channel != null) {
      quietClose(channel);
      channel = null;
      generation = ++generations;
    }
  }

  private static void quietClose(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  /** The reader: frames messages (RFC 4271 §4.1) and queues them; decoding happens on the loop. */
  private void read(SocketChannel ch, long gen) {
    ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_LENGTH);
    try {
      while (true) {
        header.clear();
        if (!fill(ch, header)) {
          inbox.add(new Inbound(gen, null, null, "closed by peer"));
          return;
        }
        header.flip();
        Framing.HeaderResult h = Framing.header(header);
        if (h.error() != null) {
          inbox.add(new Inbound(gen, null, h.error(), null));
          return;
        }
        ByteBuffer whole = ByteBuffer.allocate(h.header().length());
        whole.put(header);
        if (!fill(ch, whole)) {
          inbox.add(new Inbound(gen, null, null, "closed by peer mid-message"));
          return;
        }
        whole.flip();
        inbox.add(new Inbound(gen, Framing.take(whole, h.header()), null, null));
      }
    } catch (IOException e) {
      inbox.add(new Inbound(gen, null, null, String.valueOf(e.getMessage())));
    }
  }

  private static boolean fill(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) return false;
    }
    return true;
  }

  /** For tests and introspection: the timers' deadlines. */
  public List<Instant> deadlines() {
    FsmState s = state;
    return java.util.stream.Stream.of(s.holdDeadline(), s.keepaliveDeadline(), s.retryDeadline())
        .filter(java.util.Objects::nonNull).toList();
  }
}
