package io.weft.control.bgp;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.compiler.CompilerService;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.model.ResourceCodec;
import io.weft.xmpp.Jid;
import io.weft.xmpp.message.Collection;
import io.weft.xmpp.message.CollectionAction;
import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.EvpnEntry;
import io.weft.xmpp.message.EvpnNlri;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.Publish;
import io.weft.xmpp.message.Subscribe;
import io.weft.xmpp.message.XmppMessage;
import io.weft.xmpp.session.ChannelConfig;
import io.weft.xmpp.session.CloseReason;
import io.weft.xmpp.session.XmppChannel;
import io.weft.xmpp.session.XmppListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * For BGP component tests: a real config role in-process, an agent publishing EVPN, polling.
 * Real daemons are started and stopped by weft-bgp's {@link io.weft.bgp.interop.PeerHarness}.
 */
final class BgpTestKit {
  private BgpTestKit() {}

  static void within(Duration d, Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + d.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) throw e;
        Thread.sleep(100);
      }
    }
  }

  /** A real config role: SqliteStore, the config API on an ephemeral port, the compiler. */
  static final class Config implements AutoCloseable {
    final Path dir;
    final SqliteStore store;
    final ConfigServer server;
    final CompilerService compiler;
    final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    Config() throws IOException {
      dir = Files.createTempDirectory("weft-control-bgp-config");
      PrometheusRegistry registry = new PrometheusRegistry();
      store = new SqliteStore(dir.resolve("weft.db"), 10_000, registry);
      server = new ConfigServer(store, registry, "127.0.0.1", 0, null).start();
      compiler = new CompilerService(store, new ResourceCodec());
      compiler.start();
      url = "http://127.0.0.1:" + server.port();
    }

    void create(String path, String yaml) throws IOException, InterruptedException {
      send("POST", path, yaml, "application/yaml", 201);
    }

    void patch(String path, String json) throws IOException, InterruptedException {
      send("PATCH", path, json, "application/merge-patch+json", 200);
    }

    void delete(String path) throws IOException, InterruptedException {
      send("DELETE", path, null, null, 200);
    }

    String get(String path) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void send(String verb, String path, String body, String type, int expect) throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
      if (body != null) b.header("Content-Type", type).method(verb, HttpRequest.BodyPublishers.ofString(body));
      else b.method(verb, HttpRequest.BodyPublishers.noBody());
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expect) throw new IOException(verb + " " + path + ": " + r.statusCode() + " " + r.body());
    }

    @Override
    public void close() throws IOException {
      compiler.close();
      server.close();
      store.close();
      BgpTestKit.delete(dir);
    }
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /** An agent that publishes one EVPN MAC/IP route over real XMPP (SimAgent publishes inet only). */
  static final class EvpnAgent implements AutoCloseable {
    final XmppChannel channel;
    final Jid me;
    final EvpnEntry entry;
    final String vrf;

    EvpnAgent(InetSocketAddress control, String host, String underlay, String vrf, String mac, String ip, long vni)
        throws IOException {
      this.me = Jid.agent(host);
      this.vrf = vrf;
      channel = XmppChannel.connect(control, me, Jid.CONTROL, ChannelConfig.DEFAULT, new XmppListener() {
        @Override
        public void onMessage(XmppChannel ch, XmppMessage m) {}

        @Override
        public void onClosed(XmppChannel ch, CloseReason reason) {}
      });
      NextHop hop = new NextHop(1, underlay, null, vni, null, null, List.of(Encapsulation.VXLAN), vrf, List.of(), null);
      entry = new EvpnEntry(new EvpnNlri(25, 242, 0L, mac, ip + "/32", null, null, null), List.of(hop), List.of(),
          List.of(), vrf, null, null, List.of(), 100L, null, null, null, null, null);
      Jid to = Jid.CONTROL.withResource(Jid.RESOURCE_BGP_PEER);
      Publish pub = new Publish(me, to, "pub1", vrf, entry);
      channel.sendAll(List.of(new Subscribe(me, to, "sub1", vrf, 7L, null), pub,
          new Collection(me, to, "col1", vrf, pub.node().toString(), CollectionAction.ASSOCIATE)));
    }

    void withdraw() {
      Jid to = Jid.CONTROL.withResource(Jid.RESOURCE_BGP_PEER);
      Publish pub = new Publish(me, to, "pub2", vrf, entry);
      channel.sendAll(List.of(pub, new Collection(me, to, "col2", vrf, pub.node().toString(), CollectionAction.DISSOCIATE)));
    }

    @Override
    public void close() {
      channel.close();
    }
  }

  static final Duration WAIT = Duration.ofSeconds(30);
}
