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
 * are encoded into one buffer that is handed, when full or when the inbox runs empty, to
 * the connection's {@link SocketWriter}, whose own virtual thread does the blocking writes,
 * so a burst of UPDATEs costs few system calls and a peer that stops reading never stops
 * this loop: the Hold Timer of a peer that stops sending too still expires (RFC 4271 §6.5)
 * and {@link #close} returns at once. Encoded UPDATEs count in the {@link OutboundBacklog}
 * from {@link #send(EncodedMessages)} until the writer has written them, so whoever hands
 * them over can stop at a bound that covers all a stuck peer makes us hold.
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

  /** The writer took the backlog below its low mark: {@link SessionListener#drained}, on the loop. */
  private record Drained() {}

  private static final Drained DRAINED = new Drained();

  /** The second connection of a collision (RFC 4271 §6.8), until one of the two is chosen. */
  private static final class Candidate {
    final SocketWriter writer;
    final boolean inbound;
    final long generation;
    Open open; // its OPEN, once received

    Candidate(SocketWriter writer, boolean inbound, long generation) {
      this.writer = writer;
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
  private SocketWriter writer; // loop thread only: the session's connection, null when none
  private boolean channelInbound; // loop thread only
  private Candidate candidate; // loop thread only
  private long generation; // loop thread only: the current connection's number
  private long generations; // loop thread only: the last number given to any connection
  /** Encoded UPDATEs this large skip the output buffer: a quarter of it, so buffering pays only for small ones. */
  private static final int DIRECT_WRITE = 16 * 1024;
  private final ByteBuffer output = ByteBuffer.allocate(64 * 1024); // loop thread only
  private long outputCounted; // loop thread only: octets in output that count in the backlog
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

  /** Octets of encoded UPDATEs queued and not yet written to the socket (metrics). */
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

  /**
   * Stops the session with {@code cease} (sent if a session exists; null: none) and ends the
   * loop. Does not wait for the peer: the connection closes half a second later whatever it
   * has read, ending a write it left stuck.
   */
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
        if (o instanceof FsmEvent.SendEncoded s) backlog.taken(s.messages().length()); // never to be sent
      }
    }
  }

  private void handle(Object item) {
    switch (item) {
      case FsmEvent.SendEncoded s -> {
        // Taken for the socket, its octets count until written (SocketWriter); refused, they no longer count.
        if (feed(s).actions().stream().noneMatch(FsmAction.SendEncoded.class::isInstance)) giveBack(s.messages().length());
      }
      case FsmEvent e -> feed(e);
      case Drained d -> listener.drained();
      case Connected c -> {
        SessionState st = state.state();
        boolean opening = st == SessionState.OPEN_SENT || st == SessionState.OPEN_CONFIRM;
        if (writer != null && opening && candidate == null && c.inbound() != channelInbound) {
          // RFC 4271 §6.8: keep both until the second one's OPEN tells whose BGP identifier is higher.
          long gen = ++generations;
          candidate = new Candidate(writerFor(c.channel(), gen), c.inbound(), gen);
          startReader(c.channel(), gen);
          writeNow(candidate.writer, OpenNegotiator.localOpen(fsm.config()));
          return;
        }
        if (writer != null || (st != SessionState.CONNECT && st != SessionState.ACTIVE)) {
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

  private Transition feed(FsmEvent e) {
    FsmState before = state;
    Transition t = fsm.step(before, e, clock.instant());
    state = t.state();
    if (candidate != null && state.state() == SessionState.ESTABLISHED) dropCandidate(COLLISION); // RFC 4271 §6.8: Established wins
    for (FsmAction a : t.actions()) execute(a, before);
    if (before.state() != state.state()) {
      LOG.debug("{}: {} -> {} on {}", name, before.state(), state.state(), e.getClass().getSimpleName());
      listener.stateChanged(before.state(), state.state());
    }
    return t;
  }

  private void adopt(SocketChannel ch, boolean inbound) {
    generation = ++generations;
    writer = writerFor(ch, generation);
    channelInbound = inbound;
    startReader(ch, generation);
  }

  /** The connection's writer; its failures reach the loop as the connection's end. */
  private SocketWriter writerFor(SocketChannel ch, long gen) {
    return new SocketWriter(ch, backlog, () -> inbox.add(DRAINED),
        reason -> inbox.add(new Inbound(gen, null, null, reason)), "bgp-" + name);
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
    if (cease != null) writeNow(candidate.writer, cease);
    candidate.writer.finish();
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
    if (writer != null) { // null: the state machine closed it already
      if (cease != null) writeNow(writer, cease);
      writer.finish();
    }
    writer = c.writer;
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
    if (writer == null) return;
    Negotiated n = state.negotiated() != null ? state.negotiated() : before.negotiated();
    if (output.remaining() < MessageCodec.MAX_MESSAGE) flush();
    try {
      MessageCodec.encode(m, n == null ? WireOptions.DEFAULT : n.wireOptions(), output);
    } catch (IllegalArgumentException e) {
      LOG.error("{}: cannot encode {}: {}", name, m.getClass().getSimpleName(), e.getMessage());
    }
  }

  private void write(EncodedMessages m) {
    if (writer == null) {
      giveBack(m.length());
      return;
    }
    byte[] b = m.bytes();
    if (b.length >= DIRECT_WRITE) {
      // Large shared UPDATEs go to the writer as they are (the array never changes), after what
      // is buffered: copying them into the buffer and the buffer again for the writer cost more.
      flush();
      writer.send(b, b.length);
      return;
    }
    for (int at = 0; at < b.length; ) {
      if (!output.hasRemaining()) flush();
      int n = Math.min(output.remaining(), b.length - at);
      output.put(b, at, n);
      outputCounted += n;
      at += n;
    }
  }

  /** Hands the buffered output to the session's connection's writer; never blocks. */
  private void flush() {
    if (output.position() == 0) return;
    byte[] b = Arrays.copyOf(output.array(), output.position());
    long counted = outputCounted;
    output.clear();
    outputCounted = 0;
    if (writer != null) writer.send(b, counted);
    else giveBack(counted);
  }

  /** Octets that counted in the backlog will not be written: they count no more. */
  private void giveBack(long counted) {
    if (counted > 0 && backlog.taken(counted)) listener.drained();
  }

  /** Sends one message on a connection that is not (yet) the session's, unbuffered. */
  private void writeNow(SocketWriter w, BgpMessage m) {
    w.send(MessageCodec.encode(m, WireOptions.DEFAULT), 0);
  }

  /**
   * Closes after what was sent (a NOTIFICATION) without blocking: the writer sends it and
   * half-closes, and the connection closes {@link SocketWriter#LINGER} later whether or not
   * the peer read it.
   */
  private void lingerAndClose() {
    if (writer == null) return;
    flush();
    writer.finish();
    writer = null;
    generation = ++generations;
  }

  /** Closes the session's connection now, dropping what was not written yet. */
  private void closeChannel() {
    output.clear();
    giveBack(outputCounted);
    outputCounted = 0;
    if (writer != null) {
      writer.close();
      writer = null;
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
