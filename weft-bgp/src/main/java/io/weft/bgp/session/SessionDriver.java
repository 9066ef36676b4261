package io.weft.bgp.session;

import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.DecodeError;
import io.weft.bgp.wire.DecodeResult;
import io.weft.bgp.wire.ErrorCode;
import io.weft.bgp.wire.Frame;
import io.weft.bgp.wire.Framing;
import io.weft.bgp.wire.MessageCodec;
import io.weft.bgp.wire.Notification;
import io.weft.bgp.wire.WireOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
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
 * connection carry an old generation number and are dropped.
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

  private final Fsm fsm;
  private final Connector connector;
  private final InstantSource clock;
  private final SessionListener listener;
  private final String name;
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private volatile FsmState state = FsmState.INITIAL;
  private SocketChannel channel; // loop thread only
  private long generation; // loop thread only
  private Thread loop;

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
    inbox.add(new Connected(ch, true));
  }

  /** Queues a message to send once established (dropped otherwise). */
  public void send(BgpMessage m) {
    inbox.add(new FsmEvent.Send(m));
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

  /** Stops the session with {@code cease} (sent if a session exists) and ends the loop. */
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
        if (deadline == null) {
          item = inbox.take();
        } else {
          long wait = Duration.between(clock.instant(), deadline).toMillis();
          item = wait <= 0 ? inbox.poll() : inbox.poll(wait, TimeUnit.MILLISECONDS);
          if (item == null) item = new FsmEvent.Tick();
        }
        if (item instanceof Terminate) break;
        handle(item);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("{}: session loop failed", name, e);
    } finally {
      closeChannel();
    }
  }

  private void handle(Object item) {
    switch (item) {
      case FsmEvent e -> feed(e);
      case Connected c -> {
        SessionState st = state.state();
        if (channel != null || (st != SessionState.CONNECT && st != SessionState.ACTIVE)) {
          LOG.debug("{}: dropping extra {} connection in {}", name, c.inbound() ? "incoming" : "outgoing", st);
          quietClose(c.channel());
          return;
        }
        channel = c.channel();
        long gen = ++generation;
        SocketChannel ch = channel;
        Thread.ofVirtual().name("bgp-" + name + "-reader").start(() -> read(ch, gen));
        feed(new FsmEvent.TcpConnected());
      }
      case Inbound in -> {
        if (in.generation() != generation) return;
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
    for (FsmAction a : t.actions()) execute(a, before);
    if (before.state() != state.state()) {
      LOG.debug("{}: {} -> {} on {}", name, before.state(), state.state(), e.getClass().getSimpleName());
      listener.stateChanged(before.state(), state.state());
    }
  }

  private void execute(FsmAction a, FsmState before) {
    switch (a) {
      case FsmAction.Connect c -> Thread.ofVirtual().name("bgp-" + name + "-connect").start(() -> {
        try {
          inbox.add(new Connected(connector.connect(), false));
        } catch (IOException | RuntimeException ex) {
          inbox.add(new FsmEvent.TcpConnectFailed(String.valueOf(ex.getMessage())));
        }
      });
      case FsmAction.Send s -> write(s.message(), before);
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
    byte[] bytes = MessageCodec.encode(m, n == null ? WireOptions.DEFAULT : n.wireOptions());
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) channel.write(b);
    } catch (IOException e) {
      inbox.add(new Inbound(generation, null, null, "write failed: " + e.getMessage()));
    }
  }

  /**
   * Closes after a NOTIFICATION without losing it: closing a socket with unread input
   * sends RST, and a peer that gets the RST first may drop our NOTIFICATION unread. So
   * half-close, let the (now ignored) reader drain, and close a moment later.
   */
  private void lingerAndClose() {
    if (channel == null) return;
    SocketChannel ch = channel;
    channel = null;
    generation++;
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
    if (channel != null) {
      quietClose(channel);
      channel = null;
      generation++;
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
