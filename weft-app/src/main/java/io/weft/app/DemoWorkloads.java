package io.weft.app;

import io.weft.agent.Agent;
import io.weft.agent.AgentOptions;
import io.weft.agent.dataplane.ForwarderDataplane;
import io.weft.agent.portapi.PortApiServer;
import io.weft.forwarder.Forwarder;
import io.weft.forwarder.ForwarderConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code weft up --demo} with packets: one vRouter agent (with its forwarder) per demo host
 * (compute-1..3 on underlay 127.0.1.11..13, in this JVM), the demo's ports as network
 * namespaces attached through the CNI plugin ({@code bin/weft-cni}), a TCP listener on each
 * destination port of the demo flows, and a matrix of who reaches whom measured with real
 * connections next to what the policies decide. Needs root; namespaces, listeners and
 * agents go on {@link #close}.
 */
final class DemoWorkloads implements AutoCloseable {
  private static final List<String> HOSTS = List.of("compute-1", "compute-2", "compute-3");
  private final Path dataDir;
  private final int xmppPort;
  private final int dnsPort;
  private final List<Agent> agents = new ArrayList<>();
  private final List<PortApiServer> apis = new ArrayList<>();
  private final Map<String, String> podNs = new LinkedHashMap<>();
  private final Map<String, String> podAddress = new LinkedHashMap<>();
  private final List<Path> pidFiles = new ArrayList<>();

  /** {@code dnsPort}: the control node's DNS for port names, -1 when it runs without (the agents then ask nobody). */
  DemoWorkloads(Path dataDir, int xmppPort, int dnsPort) {
    this.dataDir = dataDir;
    this.xmppPort = xmppPort;
    this.dnsPort = dnsPort;
  }

  static String whyNot() {
    if (!"0".equals(run(List.of("id", "-u")).trim())) return "not root (namespaces and TAP devices need CAP_NET_ADMIN)";
    if (run(List.of("sh", "-c", "command -v iperf3 >/dev/null && command -v ip >/dev/null && echo ok")).isBlank()) {
      return "iperf3 or iproute2 missing (apt-get install iperf3 iproute2)";
    }
    if (!Files.exists(Path.of("bin/weft-cni"))) return "bin/weft-cni not found (run from the repository root)";
    return null;
  }

  /** Starts the agents and the pods; {@code flows} are the demo's (from, to, port) triples. */
  void start(List<String[]> flows, PrintStream out) throws IOException, InterruptedException {
    for (int i = 0; i < HOSTS.size(); i++) {
      String underlay = "127.0.1." + (11 + i);
      List<InetSocketAddress> controls = List.of(new InetSocketAddress("127.0.0.1", xmppPort));
      AgentOptions o = new AgentOptions(HOSTS.get(i), underlay, controls, new InetSocketAddress("127.0.0.1", 0), null,
          "weft.local", 0, List.of("udp", "vxlan"), AgentOptions.dnsOf(controls, dnsPort));
      Forwarder f = Forwarder.start(ForwarderConfig.defaults().withUnderlay(InetAddress.ofLiteral(underlay)).withMplsOverGre(false));
      Agent a = new Agent(o, new ForwarderDataplane(f, dataDir.resolve("agent-" + HOSTS.get(i))));
      agents.add(a);
      apis.add(PortApiServer.start(a, o.portApi()));
      a.start();
      out.printf("weft: agent %s on underlay %s, port API on 127.0.0.1:%d%n", HOSTS.get(i), underlay, apis.getLast().port());
    }
    List<String> pods = new ArrayList<>();
    for (String[] f : flows) for (String p : new String[] {f[0], f[1]}) if (!pods.contains(p)) pods.add(p);
    for (String pod : pods) attach(pod, out);
    for (String[] f : flows) listen(f[1], Integer.parseInt(f[2]));
  }

  private void attach(String pod, PrintStream out) throws IOException, InterruptedException {
    String name = pod.replace("/", "__");
    int api = -1;
    for (int tries = 0; tries < 100 && api < 0; tries++) {
      for (PortApiServer s : apis) {
        var c = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + s.port() + "/vm-cfg/" + name).toURL().openConnection();
        if (c.getResponseCode() == 200) api = s.port();
        c.disconnect();
      }
      if (api < 0) Thread.sleep(100);
    }
    if (api < 0) throw new IOException("no agent has the config of " + pod);
    String ns = "wd-" + pod.substring(pod.indexOf('/') + 1);
    run(List.of("ip", "netns", "del", ns));
    run(List.of("ip", "netns", "add", ns));
    podNs.put(pod, ns);
    String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"weft\",\"type\":\"weft-cni\",\"agent\":\"127.0.0.1:" + api
        + "\",\"addressing\":\"static\",\"port\":\"" + name + "\"}";
    String result = run(List.of("bash", "-c", "CNI_COMMAND=ADD CNI_CONTAINERID=" + ns + " CNI_NETNS=/var/run/netns/" + ns
        + " CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni bin/weft-cni <<'EOF'\n" + conf + "\nEOF\n"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"address\":\"(\\d+\\.\\d+\\.\\d+\\.\\d+)/").matcher(result);
    if (!m.find()) throw new IOException("CNI ADD of " + pod + " failed: " + result);
    podAddress.put(pod, m.group(1));
    out.printf("weft: pod %-22s netns %-18s %s%n", pod, ns, m.group(1));
  }

  private void listen(String pod, int port) throws IOException {
    // Under the data directory, where whoever ran this finds them if this process is killed before close().
    Path dir = Files.createDirectories(dataDir.resolve("demo-pids"));
    Path pid = Files.createTempFile(dir, "iperf3-", ".pid");
    pidFiles.add(pid);
    run(List.of("ip", "netns", "exec", podNs.get(pod), "iperf3", "-s", "-D", "-p", Integer.toString(port), "--pidfile", pid.toString()));
  }

  /** Whether {@code from} opens a TCP connection to {@code to}:{@code port}; retried while routes settle. */
  boolean reaches(String from, String to, int port, int attempts) {
    for (int i = 0; i < attempts; i++) {
      String ok = run(List.of("timeout", "2", "ip", "netns", "exec", podNs.get(from), "bash", "-c",
          "exec 3<>/dev/tcp/" + podAddress.get(to) + "/" + port + " && echo connected"));
      if (ok.contains("connected")) return true;
    }
    return false;
  }

  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return s;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  @Override
  public void close() {
    for (Path pid : pidFiles) {
      try {
        String p = Files.readString(pid).trim();
        if (!p.isEmpty()) run(List.of("kill", p));
        Files.deleteIfExists(pid);
      } catch (IOException e) {
        // listener never started
      }
    }
    for (String ns : podNs.values()) run(List.of("ip", "netns", "del", ns));
    apis.forEach(PortApiServer::close);
    agents.forEach(Agent::close);
  }
}
