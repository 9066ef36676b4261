package io.weft.e2e;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.cli.Weftctl;
import io.weft.compiler.AddressAllocator;
import io.weft.compiler.CompilerService;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.control.ControlNode;
import io.weft.model.ResourceCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A Weft deployment in this JVM: the config role (SQLite store, API with address allocation,
 * compiler), {@code controlNodes} control nodes on ephemeral ports (XMPP, introspect and DNS
 * for port names), and hosts (agents with
 * forwarders) on underlay 127.0.1.1, 127.0.1.2, ... Pods attach to hosts through the CNI
 * plugin. Closing removes pods first (CNI DEL, namespace), then hosts, then the roles.
 */
final class Cluster implements AutoCloseable {
  final Path dir;
  private final SqliteStore store;
  private final ConfigServer server;
  private final CompilerService compiler;
  final String url;
  private final List<ControlNode> controls = new ArrayList<>();
  private final List<InetSocketAddress> xmpp = new ArrayList<>();
  private final List<InetSocketAddress> dns = new ArrayList<>();
  final List<Host> hosts = new ArrayList<>();
  private final List<Pod> pods = new ArrayList<>();

  Cluster(int controlNodes) throws IOException {
    dir = Files.createTempDirectory("weft-e2e");
    PrometheusRegistry registry = new PrometheusRegistry();
    ResourceCodec codec = new ResourceCodec();
    store = new SqliteStore(dir.resolve("config.db"), 10_000, registry);
    compiler = new CompilerService(store, codec);
    compiler.start();
    server = new ConfigServer(store, registry, "127.0.0.1", 0, null, new AddressAllocator(codec)).start();
    url = "http://127.0.0.1:" + server.port();
    for (int i = 0; i < controlNodes; i++) {
      String address = "127.0.0." + (i + 1);
      ControlNode n = ControlNode.start(ControlNode.Settings.defaults(url).withPorts(address, 0, 0)
          .withDns(freeUdpPort(address), "weft.local"));
      controls.add(n);
      xmpp.add(new InetSocketAddress(address, n.xmppPort()));
      dns.add(new InetSocketAddress(address, n.dnsPort()));
    }
  }

  /** Starts host {@code host-<n>} on underlay 127.0.1.n. */
  Host host(int n, List<String> encapsulations) throws IOException {
    Host h = new Host("host-" + n, "127.0.1." + n, xmpp, dns, dir.resolve("host-" + n), encapsulations);
    hosts.add(h);
    return h;
  }

  Pod pod(String ns, Host host, String port, boolean dhcp) throws IOException {
    Pod p = Pod.attach(ns, host, port, dhcp);
    pods.add(p);
    return p;
  }

  /** {@code weftctl apply -f} of a classpath resource; waits for the compiler. */
  void apply(String resource) throws Exception {
    Path f = dir.resolve(Path.of(resource).getFileName());
    try (var in = Cluster.class.getResourceAsStream("/" + resource)) {
      if (in == null) throw new IllegalArgumentException("no resource " + resource);
      Files.write(f, in.readAllBytes());
    }
    applyFile(f);
  }

  void applyYaml(String name, String yaml) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, yaml);
    applyFile(f);
  }

  private void applyFile(Path f) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc = Weftctl.run(new String[] {"--server", url, "apply", "-f", f.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8), Map.of());
    if (rc != 0) throw new AssertionError("weftctl apply " + f + ": " + out.toString(StandardCharsets.UTF_8));
    if (!compiler.awaitRevision(store.revision(), Duration.ofSeconds(30))) throw new AssertionError("compiler did not catch up");
  }

  /** A UDP port free on {@code address} now (a DNS port of 0 means off, so the cluster picks one). */
  private static int freeUdpPort(String address) throws IOException {
    try (java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress(address, 0))) {
      return s.getLocalPort();
    }
  }

  /** Stops every control node: the agents go headless. */
  void killControlNodes() {
    controls.forEach(ControlNode::close);
    controls.clear();
  }

  static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return;
      Pod.sleep(200);
    }
    if (!condition.getAsBoolean()) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
  }

  @Override
  public void close() {
    for (Pod p : pods.reversed()) p.close();
    for (Host h : hosts) h.close();
    controls.forEach(ControlNode::close);
    server.close();
    compiler.close();
    store.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temp dir
    }
  }
}
