package io.weft.xmpp.session;

import io.weft.xmpp.Jid;
import io.weft.xmpp.message.DecodeError;
import io.weft.xmpp.message.StreamError;
import io.weft.xmpp.message.XmppCodec;
import io.weft.xmpp.message.XmppMessage;
import io.weft.xmpp.stream.FramingError;
import io.weft.xmpp.stream.KeepaliveReceived;
import io.weft.xmpp.stream.StanzaReceived;
import io.weft.xmpp.stream.StreamClosed;
import io.weft.xmpp.stream.StreamEvent;
import io.weft.xmpp.stream.StreamFailed;
import io.weft.xmpp.stream.StreamHeader;
import io.weft.xmpp.stream.StreamOpened;
import io.weft.xmpp.stream.XmlOutput;
import io.weft.xmpp.stream.XmppStreamParser;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One XMPP session over a blocking socket, either side.
 *
 * <p>Threads: the handshake runs on the caller of {@link #connect}/{@link #accept}; then one
 * virtual reader thread owns the parser and calls the listener in stream order; one virtual
 * timer thread (unless {@link ChannelConfig#timerTick()} is null) runs {@link #checkTimers()}.
 * {@link #send} may be called from any thread; writes are serialised by {@code writeLock}, and a
 * {@link #sendAll} batch (a publish and its collection) goes out contiguously. A bad stream ends
 * this channel only: the reader logs why, sends a stream error and closes the socket.
 */
public final class XmppChannel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(XmppChannel.class);
  private static final Duration FAREWELL_GRACE = Duration.ofSeconds(1);

  /** Which end opened the TCP connection. */
  public enum Role { CLIENT, SERVER }

  private final Socket socket;
  private final Role role;
  private final Jid local;
  private final ChannelConfig config;
  private final XmppListener listener;
  private final XmppStreamParser parser;
  private final InputStream in;
  private final OutputStream out;
  private final StreamHeader peer;
  private final ReentrantLock writeLock = new ReentrantLock(); // guards out
  private final ReentrantLock timerLock = new ReentrantLock(); // guards keepalive
  private final Keepalive keepalive;
  private final AtomicBoolean closed = new AtomicBoolean();

  private XmppChannel(Socket socket, Role role, Jid local, ChannelConfig config, XmppListener listener,
      XmppStreamParser parser, OutputStream out, StreamHeader peer) throws IOException {
    this.socket = socket;
    this.role = role;
    this.local = local;
    this.config = config;
    this.listener = listener;
    this.parser = parser;
    this.in = socket.getInputStream();
    this.out = out;
    this.peer = peer;
    this.keepalive = new Keepalive(config.keepaliveInterval(), config.holdTime(), config.clock().instant());
  }

  /** Opens a TCP connection and the stream as the agent side; blocks until the peer's header. */
  public static XmppChannel connect(InetSocketAddress address, Jid local, Jid remote, ChannelConfig config,
      XmppListener listener) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address, (int) config.holdTime().toMillis());
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return connect(socket, local, remote, config, listener);
  }

  /** Opens the stream on a connected socket as the initiating side. */
  public static XmppChannel connect(Socket socket, Jid local, Jid remote, ChannelConfig config,
      XmppListener listener) throws IOException {
    return open(socket, Role.CLIENT, local, remote, config, listener);
  }

  /** Answers the stream open on an accepted socket as the control-node side. */
  public static XmppChannel accept(Socket socket, Jid local, ChannelConfig config, XmppListener listener)
      throws IOException {
    return open(socket, Role.SERVER, local, null, config, listener);
  }

  private static XmppChannel open(Socket socket, Role role, Jid local, Jid remote, ChannelConfig config,
      XmppListener listener) throws IOException {
    XmppStreamParser parser = new XmppStreamParser(config.limits());
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) config.holdTime().toMillis());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16384);
      StreamHandshake.Result r = role == Role.CLIENT
          ? StreamHandshake.asClient(socket.getInputStream(), out, parser, local, remote)
          : StreamHandshake.asServer(socket.getInputStream(), out, parser, local, config.sendFeatures());
      socket.setSoTimeout(0); // liveness is the hold timer's job from here on
      XmppChannel channel = new XmppChannel(socket, role, local, config, listener, parser, out, r.peer());
      channel.start(r.leftover());
      return channel;
    } catch (IOException e) {
      log.warn("XMPP handshake with {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage());
      socket.close();
      throw e;
    }
  }

  private void start(List<StreamEvent> leftover) {
    String name = "xmpp-" + role.name().toLowerCase() + "-" + peer.from();
    Thread.ofVirtual().name(name + "-reader").start(() -> readLoop(leftover));
    if (config.timerTick() != null) Thread.ofVirtual().name(name + "-timer").start(this::timerLoop);
  }

  public Role role() {
    return role;
  }

  public Jid localJid() {
    return local;
  }

  /** The peer's stream header ({@code from} is the agent's hostname on the control-node side). */
  public StreamHeader peerHeader() {
    return peer;
  }

  /** The peer's JID from its stream header, or null if it sent none or an invalid one. */
  public Jid peerJid() {
    return Jid.parse(peer.from());
  }

  public SocketAddress remoteAddress() {
    return socket.getRemoteSocketAddress();
  }

  public boolean isOpen() {
    return !closed.get();
  }

  /** Sends one stanza; false when the channel is closed or the write failed (the channel then closes). */
  public boolean send(XmppMessage message) {
    return sendAll(List.of(message));
  }

  /** Sends stanzas back to back, with no other writer's stanza in between. */
  public boolean sendAll(List<? extends XmppMessage> messages) {
    if (closed.get()) return false;
    XmlOutput bytes = new XmlOutput(1024);
    for (XmppMessage m : messages) XmppCodec.encode(m, bytes);
    return write(bytes);
  }

  /**
   * Sends stanzas already encoded with {@link XmppCodec}'s streaming methods (e.g.
   * {@link XmppCodec#encodeEvent} with items shared by many sessions), back to back.
   */
  public boolean sendEncoded(XmlOutput stanzas) {
    return write(stanzas);
  }

  private boolean write(XmlOutput bytes) {
    if (closed.get()) return false;
    writeLock.lock();
    try {
      bytes.writeTo(out);
      out.flush();
    } catch (IOException e) {
      writeLock.unlock();
      shutdown(CloseReason.Kind.IO_ERROR, "write failed: " + e.getMessage(), null);
      return false;
    }
    writeLock.unlock();
    timerLock.lock();
    try {
      keepalive.sent(config.clock().instant());
    } finally {
      timerLock.unlock();
    }
    return true;
  }

  /** Runs the keepalive and hold timers against the configured clock. */
  public void checkTimers() {
    if (closed.get()) return;
    Keepalive.Action action;
    timerLock.lock();
    try {
      action = keepalive.check(config.clock().instant());
    } finally {
      timerLock.unlock();
    }
    switch (action) {
      case SEND_KEEPALIVE -> write(new XmlOutput(16).text(" ")); // whitespace keepalive (RFC 6120 §4.6.1)
      case HOLD_EXPIRED -> shutdown(CloseReason.Kind.HOLD_EXPIRED,
          "nothing received from the peer for " + config.holdTime(), null);
      case NONE -> { }
    }
  }

  /** Sends {@code </stream:stream>} and closes the socket. */
  @Override
  public void close() {
    shutdown(CloseReason.Kind.LOCAL_CLOSE, "closed locally", null);
  }

  private void readLoop(List<StreamEvent> leftover) {
    safely(() -> listener.onEstablished(this));
    if (!deliver(leftover)) return;
    byte[] buf = new byte[16384];
    try {
      while (!closed.get()) {
        int n = in.read(buf);
        if (n < 0) {
          shutdown(CloseReason.Kind.PEER_CLOSED, "connection closed by peer", null);
          return;
        }
        received();
        if (!deliver(parser.feed(buf, 0, n))) return;
        // Virtual threads are not time-sliced: a reader with a backlog would otherwise keep
        // its carrier and starve other sessions' timers (a hold-timer expiry under load).
        Thread.yield();
      }
    } catch (IOException e) {
      shutdown(CloseReason.Kind.IO_ERROR, "read failed: " + e.getMessage(), null);
    }
  }

  /** Hands events to the listener; false once the channel has closed. */
  private boolean deliver(List<StreamEvent> events) {
    for (StreamEvent e : events) {
      if (closed.get()) return false;
      switch (e) {
        case StanzaReceived s -> {
          if (s.element().name().equals("stream:features")) continue; // nothing to negotiate
          switch (XmppCodec.decode(s.element(), s.offset())) {
            case StreamError err -> {
              shutdown(CloseReason.Kind.PEER_STREAM_ERROR, "peer sent stream error " + err.condition()
                  + (err.text() == null ? "" : ": " + err.text()), null);
              return false;
            }
            case XmppMessage m -> safely(() -> listener.onMessage(this, m));
            case DecodeError d -> {
              log.warn("XMPP {}: ignoring stanza at byte {}: {} in {}", peer.from(), d.offset(), d.reason(), d.excerpt());
              safely(() -> listener.onDecodeError(this, d));
            }
          }
        }
        case StreamFailed f -> {
          FramingError err = f.error();
          shutdown(CloseReason.Kind.FRAMING_ERROR, err.toString(), new StreamError(err.kind().condition(), err.reason()));
          return false;
        }
        case StreamClosed c -> {
          shutdown(CloseReason.Kind.PEER_CLOSED, "peer closed the stream", null);
          return false;
        }
        case KeepaliveReceived k -> { }
        case StreamOpened o -> { }
      }
    }
    return !closed.get();
  }

  private void received() {
    timerLock.lock();
    try {
      keepalive.received(config.clock().instant());
    } finally {
      timerLock.unlock();
    }
  }

  private void timerLoop() {
    try {
      while (!closed.get()) {
        Thread.sleep(config.timerTick());
        checkTimers();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutdown(CloseReason.Kind kind, String detail, StreamError farewell) {
    if (!closed.compareAndSet(false, true)) return;
    switch (kind) {
      case LOCAL_CLOSE, PEER_CLOSED -> log.info("XMPP session {} {} ({}): {}", role, peer.from(), remoteAddress(), detail);
      default -> log.warn("XMPP session {} {} ({}) closing: {}", role, peer.from(), remoteAddress(), detail);
    }
    // A peer that stopped reading must not hold this thread: the socket closes after a grace period.
    Thread guard = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(FAREWELL_GRACE);
        socket.close();
      } catch (InterruptedException | IOException ignored) {
        // closing anyway
      }
    });
    if (kind != CloseReason.Kind.IO_ERROR && writeLock.tryLock()) {
      try {
        String bye = (farewell == null ? "" : XmppCodec.encode(farewell)) + StreamHeader.STREAM_CLOSE;
        out.write(bye.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException ignored) {
        // the peer is gone; nothing more to tell it
      } finally {
        writeLock.unlock();
      }
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
    guard.interrupt();
    CloseReason reason = new CloseReason(kind, detail);
    safely(() -> listener.onClosed(this, reason));
  }

  private void safely(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.error("XMPP listener failed for {}", peer.from(), e);
    }
  }

  @Override
  public String toString() {
    return "XmppChannel[" + role + " " + local + " <-> " + peer.from() + " " + remoteAddress() + "]";
  }
}
