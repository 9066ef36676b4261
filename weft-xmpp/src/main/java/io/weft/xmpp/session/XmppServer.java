package io.weft.xmpp.session;

import io.weft.xmpp.Jid;
import io.weft.xmpp.message.DecodeError;
import io.weft.xmpp.message.XmppMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts agent connections (the control node's side, port 5269 by default). One virtual
 * thread accepts; each connection's handshake runs on its own virtual thread and then becomes an
 * {@link XmppChannel}; a failing connection never affects the others.
 */
public final class XmppServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(XmppServer.class);
  public static final int DEFAULT_PORT = 5269;

  private final ServerSocket serverSocket;
  private final Jid local;
  private final ChannelConfig config;
  private final XmppListener listener;
  private final Set<XmppChannel> channels = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private XmppServer(ServerSocket serverSocket, Jid local, ChannelConfig config, XmppListener listener) {
    this.serverSocket = serverSocket;
    this.local = local;
    this.config = config;
    this.listener = listener;
  }

  private static final int ACCEPT_BACKLOG = 4096;

  /** Binds and starts accepting; {@code listener} is shared by all sessions (each callback names its channel). */
  public static XmppServer start(InetSocketAddress bind, Jid local, ChannelConfig config, XmppListener listener)
      throws IOException {
    ServerSocket ss = new ServerSocket();
    ss.setReuseAddress(true);
    // Every agent of a cluster reconnects at once after a control-node restart; the default
    // backlog of 50 drops most of those SYNs and costs the agents a retry interval each.
    ss.bind(bind, ACCEPT_BACKLOG);
    XmppServer server = new XmppServer(ss, local, config, listener);
    Thread.ofVirtual().name("xmpp-accept-" + ss.getLocalPort()).start(server::acceptLoop);
    return server;
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** The sessions currently established. */
  public Set<XmppChannel> channels() {
    return Set.copyOf(channels);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) log.warn("XMPP accept failed: {}", e.getMessage());
        continue;
      }
      Thread.ofVirtual().name("xmpp-handshake-" + s.getRemoteSocketAddress()).start(() -> handshake(s));
    }
  }

  private void handshake(Socket s) {
    try {
      XmppChannel.accept(s, local, config, tracking);
    } catch (IOException e) {
      // logged by the channel; the socket is closed
    }
  }

  private final XmppListener tracking = new XmppListener() {
    @Override
    public void onEstablished(XmppChannel channel) {
      channels.add(channel);
      if (closed) channel.close();
      listener.onEstablished(channel);
    }

    @Override
    public void onMessage(XmppChannel channel, XmppMessage message) {
      listener.onMessage(channel, message);
    }

    @Override
    public void onDecodeError(XmppChannel channel, DecodeError error) {
      listener.onDecodeError(channel, error);
    }

    @Override
    public void onClosed(XmppChannel channel, CloseReason reason) {
      channels.remove(channel);
      listener.onClosed(channel, reason);
    }
  };

  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing
    }
    for (XmppChannel c : channels) c.close();
  }
}
