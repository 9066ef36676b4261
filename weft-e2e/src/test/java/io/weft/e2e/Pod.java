package io.weft.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pod: a network namespace attached to a host's agent by the real CNI plugin
 * ({@code bin/weft-cni}, tap mode), addressed statically by the plugin or by a DHCP client
 * in the namespace. Servers it runs are daemons whose PIDs it kills on close; close also
 * runs CNI DEL and deletes the namespace.
 */
final class Pod implements AutoCloseable {
  private static final String DHCP_SCRIPT = """
      #!/bin/sh
      case "$1" in
        bound|renew)
          ip addr flush dev "$interface"
          ip addr add "$ip/$subnet" dev "$interface"
          [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
          echo "$dns" > "$(dirname "$0")/dns"
          ;;
      esac
      exit 0
      """;

  final String ns;
  final String port;
  final Host host;
  private final boolean dhcp;
  private final List<Path> pidFiles = new ArrayList<>();
  private final Path dir;
  String cniResult;

  private Pod(String ns, String port, Host host, boolean dhcp) throws IOException {
    this.ns = ns;
    this.port = port;
    this.host = host;
    this.dhcp = dhcp;
    this.dir = Files.createTempDirectory("weft-pod-" + ns);
  }

  /** The plugin jar bin/weft-cni runs, or null when it is not built. */
  static Path cniJar() {
    try (var s = Files.list(Requirements.repo().resolve("weft-cni/target"))) {
      return s.filter(p -> p.getFileName().toString().matches("weft-cni-.*\\.jar")).findFirst().orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Creates namespace {@code ns} and attaches it as port {@code port} through the CNI plugin (ADD). */
  static Pod attach(String ns, Host host, String port, boolean dhcp) throws IOException {
    Sh.run("ip", "netns", "del", ns); // a leftover of a killed run
    Sh.must("ip", "netns", "add", ns);
    Pod p = new Pod(ns, port, host, dhcp);
    try {
      Sh.must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
      Sh.Result r = p.cni("ADD");
      if (!r.ok()) throw new AssertionError("CNI ADD " + port + " failed: " + r.out());
      p.cniResult = r.out();
      if (dhcp) p.dhcp();
      return p;
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
  }

  private Sh.Result cni(String command) {
    String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"weft\",\"type\":\"weft-cni\",\"agent\":\"" + host.portApi()
        + "\",\"addressing\":\"" + (dhcp ? "dhcp" : "static") + "\",\"port\":\"" + port + "\"}";
    String script = "CNI_COMMAND=" + command + " CNI_CONTAINERID=" + ns + " CNI_NETNS=/var/run/netns/" + ns
        + " CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni " + Requirements.repo().resolve("bin/weft-cni") + " <<'EOF'\n" + conf + "\nEOF\n";
    return Sh.run(List.of("bash", "-c", script), 60);
  }

  /** Runs udhcpc once in the namespace; fails the test without a lease. */
  void dhcp() throws IOException {
    Path script = dir.resolve("udhcpc.sh");
    Files.writeString(script, DHCP_SCRIPT);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Sh.Result r = Sh.run(List.of("ip", "netns", "exec", ns, "busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-t", "5", "-T", "1",
        "-s", script.toString()), 30);
    if (!r.ok()) throw new AssertionError("no DHCP lease in " + ns + ": " + r.out());
  }

  /** The DNS servers of the pod's DHCP lease, as udhcpc gave them to its script. */
  List<String> dhcpDns() throws IOException {
    return List.of(Files.readString(dir.resolve("dns")).trim().split("\\s+"));
  }

  /** The pod's IPv4 address on eth0. */
  String address() {
    Matcher m = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/").matcher(exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").out());
    if (!m.find()) throw new AssertionError(ns + " has no IPv4 address");
    return m.group(1);
  }

  Sh.Result exec(String... cmd) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    c.addAll(List.of(cmd));
    return Sh.run(c, 60);
  }

  boolean ping(String address, int count) {
    return exec("ping", "-c", Integer.toString(count), "-W", "1", "-i", "0.3", address).out().matches("(?s).* [1-9]\\d* received.*");
  }

  /** Whether a TCP connection to {@code address:port} is accepted within 3 s. */
  boolean tcp(String address, int tcpPort) {
    return Sh.run(List.of("timeout", "3", "ip", "netns", "exec", ns, "bash", "-c", "exec 3<>/dev/tcp/" + address + "/" + tcpPort),
        10).ok();
  }

  /** Starts an iperf3 server (a daemon, also a plain TCP listener) on {@code tcpPort}. */
  void listen(int tcpPort) {
    Path pid = dir.resolve("iperf3-" + tcpPort + ".pid");
    Sh.Result r = exec("iperf3", "-s", "-D", "-p", Integer.toString(tcpPort), "--pidfile", pid.toString());
    if (!r.ok()) throw new AssertionError("iperf3 -s in " + ns + ": " + r.out());
    pidFiles.add(pid);
    for (int i = 0; i < 50 && !exec("ss", "-ltn", "sport = :" + tcpPort).out().contains("LISTEN"); i++) sleep(50);
  }

  /** Runs an iperf3 client for {@code seconds} and returns its output. */
  Sh.Result iperf(String address, int tcpPort, int seconds, String... extra) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns, "iperf3", "-c", address, "-p", Integer.toString(tcpPort), "-t",
        Integer.toString(seconds), "-i", "1", "--connect-timeout", "3000"));
    c.addAll(List.of(extra));
    return Sh.run(c, seconds + 30);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (Path pid : pidFiles) {
      try {
        String p = Files.readString(pid).trim();
        if (!p.isEmpty()) Sh.run("kill", p);
      } catch (IOException e) {
        // never started
      }
    }
    cni("DEL");
    Sh.run("ip", "netns", "del", ns);
  }
}
