package io.weft.forwarder;

import static io.weft.forwarder.TapBackendTest.run;
import static io.weft.forwarder.TapBackendTest.sh;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.port.TapBackend;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TAPs with offloads (virtio-net headers, TSO) between two namespaces this test creates: a
 * TCP stream of 16 MiB of random bytes arrives intact (the receiver checks a SHA-256 the
 * sender computed), the kernel handed the forwarder frames larger than the MTU (TSO), and
 * <ul>
 *   <li>LOCAL: both pods on one forwarder, the header passed from TAP to TAP;</li>
 *   <li>TUNNEL: two forwarders over a loopback underlay (127.0.1.41/.42, MPLSoUDP), the
 *       segment carried whole in one datagram and delivered as GSO;</li>
 *   <li>TUNNEL_MTU_1500: the same with the underlay MTU set to 1500, so the forwarder cuts
 *       the segments in software and no datagram exceeds 1472 bytes.</li>
 * </ul>
 */
class TapOffloadTest {
  enum Path { LOCAL, TUNNEL, TUNNEL_MTU_1500 }

  static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:4f:0a");
  static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:4f:0b");
  static final String SERVER = """
      import socket, hashlib, sys
      s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
      s.bind(("10.78.0.3", 5999)); s.listen(1); print("listening", flush=True)
      c, _ = s.accept(); h = hashlib.sha256(); n = 0
      while True:
          b = c.recv(1 << 20)
          if not b: break
          h.update(b); n += len(b)
      print(n, h.hexdigest(), flush=True)
      """;
  static final String CLIENT = """
      import socket, hashlib, os
      data = os.urandom(16 << 20)
      c = socket.create_connection(("10.78.0.3", 5999), timeout=20); c.sendall(data); c.close()
      print(len(data), hashlib.sha256(data).hexdigest(), flush=True)
      """;

  @ParameterizedTest
  @EnumSource(Path.class)
  void aLargeTcpStreamCrossesWithOffloadsOn(Path path) throws Exception {
    Root.require("TAP devices and network namespaces");
    long pid = ProcessHandle.current().pid() % 10_000;
    String nsA = "wfoa" + pid;
    String nsB = "wfob" + pid;
    String tapA = "wfoa" + pid;
    String tapB = "wfob" + pid;
    InetAddress h1 = InetAddress.ofLiteral("127.0.1.41");
    InetAddress h2 = InetAddress.ofLiteral("127.0.1.42");
    List<Process> procs = new ArrayList<>();
    ForwarderConfig base = ForwarderConfig.defaults().withMplsOverGre(false)
        .withEncapsulationPriority(List.of(Encapsulation.MPLS_UDP))
        .withUnderlayMtu(path == Path.TUNNEL_MTU_1500 ? 1500 : 0);
    try (Forwarder f1 = Forwarder.start(base.withUnderlay(h1));
        Forwarder f2 = path == Path.LOCAL ? null : Forwarder.start(base.withUnderlay(h2))) {
      Forwarder fb = path == Path.LOCAL ? f1 : f2;
      TapBackend a = TapBackend.open(tapA, false);
      TapBackend b = TapBackend.open(tapB, false);
      assertThat(a.vnetHeaderLength()).isEqualTo(10);
      f1.addVrf("red");
      fb.addVrf("red");
      f1.addPort(new PortSpec(tapA, MAC_A, "red", List.of(InetAddress.ofLiteral("10.78.0.2")), false), a);
      fb.addPort(new PortSpec(tapB, MAC_B, "red", List.of(InetAddress.ofLiteral("10.78.0.3")), false), b);
      f1.addRoute("red", IpPrefix.parse("10.78.0.2/32"), new NextHop.Interface(tapA));
      fb.addRoute("red", IpPrefix.parse("10.78.0.3/32"), new NextHop.Interface(tapB));
      if (path != Path.LOCAL) {
        Set<Encapsulation> all = Set.of(Encapsulation.values());
        f1.addRoute("red", IpPrefix.parse("10.78.0.3/32"), new NextHop.Tunnel(h2, 7002, 0, all));
        f2.addRoute("red", IpPrefix.parse("10.78.0.2/32"), new NextHop.Tunnel(h1, 7001, 0, all));
        f1.addLabel(7001, tapA, LabelPayload.IP);
        f2.addLabel(7002, tapB, LabelPayload.IP);
      }
      pod(nsA, tapA, MAC_A, "10.78.0.2", "10.78.0.3");
      pod(nsB, tapB, MAC_B, "10.78.0.3", "10.78.0.2");

      Process server = python(nsB, SERVER, procs);
      String ready = new String(server.getInputStream().readNBytes("listening\n".length()), StandardCharsets.US_ASCII);
      assertThat(ready).startsWith("listening");
      Process client = python(nsA, CLIENT, procs);
      assertThat(client.waitFor(60, TimeUnit.SECONDS)).as("client finished").isTrue();
      String sent = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server finished").isTrue();
      String received = new String(server.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      assertThat(received).isEqualTo(sent).startsWith(String.valueOf(16 << 20));

      CounterSnapshot rxA = f1.portCounters(tapA).orElseThrow();
      assertThat(rxA.rxBytes() / rxA.rxPackets()).as("mean frame from the sender's TAP: TSO segments").isGreaterThan(1514);
      if (path == Path.TUNNEL_MTU_1500) {
        CounterSnapshot u = f1.underlayCounters();
        assertThat(u.txBytes() / u.txPackets()).as("mean datagram").isLessThanOrEqualTo(1472);
        assertThat(u.txPackets()).isGreaterThan((16 << 20) / 1472);
      }
    } finally {
      procs.forEach(Process::destroyForcibly);
      run("ip", "netns", "del", nsA);
      run("ip", "netns", "del", nsB);
    }
  }

  private static void pod(String ns, String tap, MacAddress mac, String addr, String peer) throws Exception {
    run("ip", "netns", "del", ns);
    sh("ip", "netns", "add", ns);
    sh("ip", "link", "set", tap, "netns", ns);
    sh("ip", "-n", ns, "link", "set", tap, "address", mac.toString(), "up");
    sh("ip", "-n", ns, "link", "set", "lo", "up");
    sh("ip", "-n", ns, "addr", "add", addr + "/24", "dev", tap);
    // The peer is routed through the vRouter's gateway MAC, as the agent's ARP proxy would answer.
    sh("ip", "-n", ns, "neigh", "replace", peer, "lladdr", MacAddress.GATEWAY.toString(), "dev", tap, "nud", "permanent");
  }

  private static Process python(String ns, String script, List<Process> procs) throws Exception {
    Process p = new ProcessBuilder("ip", "netns", "exec", ns, "/usr/bin/python3", "-c", script)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    procs.add(p);
    return p;
  }
}
