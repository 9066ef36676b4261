package io.weft.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.xmpp.Jid;
import io.weft.xmpp.message.AgentEndOfRib;
import io.weft.xmpp.message.Collection;
import io.weft.xmpp.message.CollectionAction;
import io.weft.xmpp.message.EndOfRib;
import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.EventItem;
import io.weft.xmpp.message.Family;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.Publish;
import io.weft.xmpp.message.RouteEvent;
import io.weft.xmpp.message.Subscribe;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.message.UnicastNlri;
import io.weft.xmpp.message.XmppMessage;
import io.weft.xmpp.stream.StreamLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets on 127.0.0.1: a control-node server and agent clients. */
class XmppChannelTest {
  static final Jid BGP = Jid.CONTROL.withResource(Jid.RESOURCE_BGP_PEER);
  static final String RED = "default-domain:admin:red:red";

  /** Everything one side saw, in order: messages and close reasons. */
  static final class Recorder implements XmppListener {
    final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    final ConcurrentHashMap<String, XmppChannel> byPeer = new ConcurrentHashMap<>();

    @Override
    public void onEstablished(XmppChannel channel) {
      byPeer.put(String.valueOf(channel.peerHeader().from()), channel);
    }

    @Override
    public void onMessage(XmppChannel channel, XmppMessage message) {
      seen.add(message);
    }

    @Override
    public void onClosed(XmppChannel channel, CloseReason reason) {
      seen.add(reason);
    }

    Object next() throws InterruptedException {
      Object o = seen.poll(10, TimeUnit.SECONDS);
      assertThat(o).as("nothing arrived within 10 s").isNotNull();
      return o;
    }

    XmppChannel channel(String peer) throws InterruptedException {
      for (int i = 0; i < 500 && !byPeer.containsKey(peer); i++) Thread.sleep(10);
      return byPeer.get(peer);
    }
  }

  final Recorder control = new Recorder();
  final ChannelConfig config = ChannelConfig.DEFAULT.withLimits(new StreamLimits(64 * 1024, 16));
  XmppServer server;

  @BeforeEach
  void start() throws IOException {
    server = XmppServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Jid.CONTROL, config, control);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  XmppChannel agent(String host, Recorder recorder) throws IOException {
    return XmppChannel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
        Jid.agent(host), Jid.CONTROL, config, recorder);
  }

  static UnicastEntry route(String prefix, String underlay, long label) {
    return new UnicastEntry(new UnicastNlri(1, 1, prefix),
        List.of(NextHop.of(underlay, label, List.of(Encapsulation.UDP, Encapsulation.GRE))),
        1L, "default-domain:admin:red", null, null, List.of(), List.of(), 100L, null, null, null);
  }

  @Test
  void subscribePublishEventsWithdrawAndEndOfRib() throws Exception {
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    try (XmppChannel agentA = agent("compute-1", a); XmppChannel agentB = agent("compute-2", b)) {
      Jid host1 = Jid.agent("compute-1");
      Subscribe subscribe = new Subscribe(host1, BGP, "subscribe1", RED, 1L, null);
      assertThat(agentA.send(subscribe)).isTrue();
      assertThat(control.next()).isEqualTo(subscribe);

      Publish publish = new Publish(host1, BGP, "pubsub2", RED, route("10.1.1.3/32", "192.168.0.11", 17));
      Collection associate = new Collection(host1, BGP, "collection3", RED, publish.node().toString(), CollectionAction.ASSOCIATE);
      agentA.sendAll(List.of(publish, associate, new AgentEndOfRib(host1, BGP, "pubsub4")));
      assertThat(control.next()).isEqualTo(publish);
      assertThat(control.next()).isEqualTo(associate);
      assertThat(control.next()).isInstanceOf(AgentEndOfRib.class);

      XmppChannel toB = control.channel("compute-2");
      assertThat(toB.peerJid()).isEqualTo(Jid.agent("compute-2"));
      RouteEvent event = new RouteEvent(Jid.CONTROL, Jid.agent("compute-2").withResource(Jid.RESOURCE_BGP_PEER),
          Family.INET, RED, List.of(EventItem.of(publish.entry())), List.of());
      EndOfRib eor = new EndOfRib(Jid.CONTROL, Jid.agent("compute-2").withResource(Jid.RESOURCE_BGP_PEER));
      toB.sendAll(List.of(event, eor));
      assertThat(b.next()).isEqualTo(event);
      assertThat(b.next()).isEqualTo(eor);

      Collection dissociate = new Collection(host1, BGP, "collection5", RED, publish.node().toString(), CollectionAction.DISSOCIATE);
      agentA.sendAll(List.of(publish, dissociate));
      assertThat(control.next()).isEqualTo(publish);
      assertThat(control.next()).isEqualTo(dissociate);
      RouteEvent withdraw = new RouteEvent(event.from(), event.to(), Family.INET, RED, List.of(), List.of("10.1.1.3/32"));
      toB.send(withdraw);
      assertThat(b.next()).isEqualTo(withdraw);
    }
    assertThat(control.next()).isInstanceOf(CloseReason.class);
  }

  @Test
  void aClientSendingGarbageIsDisconnectedWhileOthersKeepWorking() throws Exception {
    Recorder good = new Recorder();
    try (XmppChannel agentGood = agent("compute-good", good);
        Socket evil = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      evil.setSoTimeout(10_000);
      OutputStream out = evil.getOutputStream();
      out.write(("<?xml version='1.0'?><stream:stream from='compute-evil' to='network-control@contrailsystems.com'"
          + " version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
          + "<iq type='set'><pubsub><</pubsub></iq>").getBytes(StandardCharsets.UTF_8));
      out.flush();

      String reply = readAll(evil.getInputStream());
      assertThat(reply).contains("<stream:error><not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>")
          .endsWith("</stream:stream>");
      assertThat(control.next()).isInstanceOfSatisfying(CloseReason.class,
          r -> assertThat(r.kind()).isEqualTo(CloseReason.Kind.FRAMING_ERROR));

      Subscribe subscribe = new Subscribe(Jid.agent("compute-good"), BGP, "subscribe1", RED, 2L, null);
      assertThat(agentGood.send(subscribe)).isTrue();
      assertThat(control.next()).isEqualTo(subscribe);
      control.channel("compute-good").send(new EndOfRib(Jid.CONTROL, Jid.agent("compute-good")));
      assertThat(good.next()).isInstanceOf(EndOfRib.class);
    }
  }

  @Test
  void anOversizedStanzaClosesTheSession() throws Exception {
    Recorder r = new Recorder();
    XmppChannel agentBig = agent("compute-big", r);
    Publish big = new Publish(Jid.agent("compute-big"), BGP, "pubsub1", RED,
        new UnicastEntry(new UnicastNlri(1, 1, "10.0.0.1/32"), List.of(), null, "x".repeat(70_000), null, null,
            List.of(), List.of(), null, null, null, null));
    agentBig.send(big);

    assertThat(control.next()).isInstanceOfSatisfying(CloseReason.class, c -> {
      assertThat(c.kind()).isEqualTo(CloseReason.Kind.FRAMING_ERROR);
      assertThat(c.detail()).contains("STANZA_TOO_LARGE");
    });
    assertThat(r.next()).isInstanceOfSatisfying(CloseReason.class,
        c -> assertThat(c.kind()).isEqualTo(CloseReason.Kind.PEER_STREAM_ERROR));
  }

  @Test
  void keepaliveAndHoldTimerRunOnTheInjectedClock() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    ChannelConfig manual = config.withTimers(Duration.ofSeconds(30), Duration.ofSeconds(90), clock, null);
    Recorder r = new Recorder();
    XmppChannel channel = XmppChannel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
        Jid.agent("compute-idle"), Jid.CONTROL, manual, r);

    now.set(now.get().plusSeconds(31));
    channel.checkTimers(); // sends a whitespace keepalive
    assertThat(channel.isOpen()).isTrue();
    now.set(now.get().plusSeconds(60));
    channel.checkTimers();

    assertThat(channel.isOpen()).isFalse();
    assertThat(r.next()).isInstanceOfSatisfying(CloseReason.class,
        c -> assertThat(c.kind()).isEqualTo(CloseReason.Kind.HOLD_EXPIRED));
  }

  static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
