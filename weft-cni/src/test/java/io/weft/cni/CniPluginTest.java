package io.weft.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.agent.Agent;
import io.weft.agent.AgentOptions;
import io.weft.agent.dataplane.KernelTaps;
import io.weft.agent.oper.ConfigTable;
import io.weft.agent.portapi.PortApiServer;
import io.weft.model.derived.PortConfigSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin executed as a runtime executes it — a process, config on stdin, CNI_* in the
 * environment — against a real agent's port API, with a real network namespace as the pod,
 * chained before the reference {@code tuning} and {@code bandwidth} plugins from Debian's
 * containernetworking-plugins. Needs root, iproute2, util-linux nsenter and
 * /usr/lib/cni: skipped with the reason otherwise, failing with CI=true.
 */
class CniPluginTest {
  static final Path REFERENCE = Path.of("/usr/lib/cni");
  static Agent agent;
  static PortApiServer api;
  static Path cniPath;
  static final List<String> namespaces = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    String why = missing();
    if (why != null) {
      if ("true".equals(System.getenv("CI"))) throw new IllegalStateException("CI=true and the CNI test cannot run: " + why);
      System.out.println("CniPluginTest skipped: " + why);
      Assumptions.abort(why);
    }
    agent = new Agent(new AgentOptions("cni-test", "127.0.1.1", List.of(), null, null, "weft.local", 0, null), new KernelTaps());
    api = PortApiServer.start(agent, new InetSocketAddress("127.0.0.1", 0));
    for (int i = 1; i <= 3; i++) {
      String name = "pod-" + i;
      PortConfigSpec spec = new PortConfigSpec(name, "finance/red", List.of("finance/red"), "02:aa:00:00:00:0" + i,
          List.of(new PortConfigSpec.Address("finance/red", "10.1.1." + (10 + i), 24, "10.1.1.1", "10.1.1.2")), List.of("tier=web"),
          List.of(), false, null, "cni-test", null, List.of());
      agent.putPortConfig(new ConfigTable.PortEntry("default-domain:finance:" + name, "finance", name,
          "0000000" + i + "-1111-2222-3333-444444444444", spec));
    }
    cniPath = Files.createTempDirectory("weft-cni-path");
    Path plugin = cniPath.resolve("weft-cni");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(plugin, "#!/bin/sh\nexec " + java + " -XX:TieredStopAtLevel=1 -cp " + Path.of("target/classes").toAbsolutePath()
        + " io.weft.cni.Main\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String p : List.of("tuning", "bandwidth")) Files.createSymbolicLink(cniPath.resolve(p), REFERENCE.resolve(p));
  }

  static String missing() {
    if (!"root".equals(System.getProperty("user.name"))) return "needs root (network namespaces)";
    for (String tool : List.of("/usr/sbin/ip", "/usr/bin/nsenter")) if (!Files.isExecutable(Path.of(tool))) return tool + " is missing";
    for (String p : List.of("tuning", "bandwidth")) {
      if (!Files.isExecutable(REFERENCE.resolve(p))) return "containernetworking-plugins is not installed (" + REFERENCE.resolve(p) + ")";
    }
    return null;
  }

  @AfterAll
  static void stop() throws Exception {
    for (String ns : namespaces) sh("ip", "netns", "del", ns);
    if (api != null) api.close();
    if (agent != null) agent.close();
  }

  record Run(int exit, String out) {}

  static Run exec(String type, String command, String netns, String stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cniPath.resolve(type).toString());
    Map<String, String> env = pb.environment();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", "ctr-" + netns);
    env.put("CNI_NETNS", "/var/run/netns/" + netns);
    env.put("CNI_IFNAME", "eth0");
    env.put("CNI_PATH", cniPath.toString());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  static String sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  static String netns(String name) throws Exception {
    String ns = "weftcni-" + name + "-" + ProcessHandle.current().pid();
    sh("ip", "netns", "add", ns);
    namespaces.add(ns);
    return ns;
  }

  /** One plugin's stdin in a chain: the list's name and version, the plugin's own fields, the previous result. */
  static String conf(String pluginJson, String prevResult) {
    String body = pluginJson.substring(1, pluginJson.length() - 1);
    return "{\"cniVersion\":\"1.0.0\",\"name\":\"weft-net\"," + body + (prevResult == null ? "" : ",\"prevResult\":" + prevResult) + "}";
  }

  @ParameterizedTest(name = "interface {0}")
  @ValueSource(strings = {"tap", "veth"})
  void chainedAddCheckDelWithTuningAndBandwidth(String mode) throws Exception {
    int n = mode.equals("tap") ? 1 : 2;
    String ns = netns(mode);
    String weft = "{\"type\":\"weft-cni\",\"agent\":\"127.0.0.1:" + api.port() + "\",\"interface\":\"" + mode + "\",\"port\":\"pod-" + n
        + "\"}";
    String tuning = "{\"type\":\"tuning\",\"sysctl\":{\"net.ipv4.conf.eth0.accept_local\":\"1\"},\"mtu\":1400}";
    String bandwidth = "{\"type\":\"bandwidth\",\"ingressRate\":100000000,\"ingressBurst\":1000000}";
    List<String[]> chain = new ArrayList<>(List.of(new String[] {"weft-cni", weft}, new String[] {"tuning", tuning}));
    // bandwidth shapes the host end of a veth pair; a TAP has none (the reference plugin refuses it)
    if (mode.equals("veth")) chain.add(new String[] {"bandwidth", bandwidth});

    String result = null;
    for (String[] plugin : chain) {
      Run r = exec(plugin[0], "ADD", ns, conf(plugin[1], result));
      assertThat(r.exit()).as(plugin[0] + " ADD: " + r.out()).isZero();
      result = r.out();
    }
    Map<String, Object> res = Json.object(result);
    assertThat(res.get("cniVersion")).isEqualTo("1.0.0");
    assertThat(result.replaceAll("\\s", "")).contains("\"address\":\"10.1.1.1" + n + "/24\"").contains("\"gateway\":\"10.1.1.1\"")
        .contains("\"nameservers\":[\"10.1.1.2\"]").contains("\"dst\":\"0.0.0.0/0\"").contains("\"mac\":\"02:aa:00:00:00:0" + n + "\"");

    String link = sh("ip", "-n", ns, "-o", "link", "show", "dev", "eth0");
    assertThat(link).contains("02:aa:00:00:00:0" + n).contains("mtu 1400");
    assertThat(sh("ip", "-n", ns, "-o", "addr", "show", "dev", "eth0")).contains("10.1.1.1" + n + "/24");
    assertThat(sh("ip", "-n", ns, "route")).contains("default via 10.1.1.1 dev eth0");
    assertThat(sh("ip", "netns", "exec", ns, "sysctl", "-n", "net.ipv4.conf.eth0.accept_local").trim()).isEqualTo("1");
    String tap = Plugin.tapName("0000000" + n + "-1111-2222-3333-444444444444");
    if (mode.equals("veth")) assertThat(sh("tc", "qdisc", "show", "dev", tap)).contains("tbf");
    assertThat(agent.ports().get("0000000" + n + "-1111-2222-3333-444444444444").ready()).isTrue();

    for (String[] plugin : chain) {
      Run r = exec(plugin[0], "CHECK", ns, conf(plugin[1], result));
      assertThat(r.exit()).as(plugin[0] + " CHECK: " + r.out()).isZero();
    }
    for (int round = 0; round < 2; round++) { // DEL is idempotent
      for (String[] plugin : chain.reversed()) {
        Run r = exec(plugin[0], "DEL", ns, conf(plugin[1], result));
        assertThat(r.exit()).as(plugin[0] + " DEL round " + round + ": " + r.out()).isZero();
      }
    }
    assertThat(sh("ip", "-n", ns, "link", "show", "dev", "eth0")).contains("does not exist");
    assertThat(agent.ports().get("0000000" + n + "-1111-2222-3333-444444444444")).isNull();
    assertThat(sh("ip", "link", "show", "dev", tap)).contains("does not exist");
  }

  @Test
  void errorsAreSpecJson() throws Exception {
    String ns = netns("err");
    Run unknown = exec("weft-cni", "ADD", ns, conf("{\"type\":\"weft-cni\",\"agent\":\"127.0.0.1:" + api.port()
        + "\",\"port\":\"nobody\",\"pollRetries\":2,\"pollIntervalMs\":10}", null));
    assertThat(unknown.exit()).isEqualTo(1);
    Map<String, Object> e = Json.object(unknown.out());
    assertThat(e).containsEntry("cniVersion", "1.0.0").containsEntry("code", 11L).containsKey("msg");
    assertThat((String) e.get("msg")).contains("nobody");

    Run badVersion = exec("weft-cni", "ADD", ns, "{\"cniVersion\":\"9.9.9\",\"name\":\"x\",\"type\":\"weft-cni\"}");
    assertThat(Json.object(badVersion.out())).containsEntry("code", 1L);
    Run garbage = exec("weft-cni", "ADD", ns, "{not json");
    assertThat(Json.object(garbage.out())).containsEntry("code", 6L);
    Run noAgent = exec("weft-cni", "ADD", ns, conf("{\"type\":\"weft-cni\",\"agent\":\"127.0.0.1:1\",\"port\":\"pod-3\",\"pollRetries\":1}", null));
    assertThat(Json.object(noAgent.out())).containsEntry("code", 11L);
    Run version = exec("weft-cni", "VERSION", ns, "{}");
    assertThat(version.exit()).isZero();
    assertThat(Json.object(version.out())).containsEntry("cniVersion", "1.0.0");
    assertThat(version.out()).contains("\"supportedVersions\":[\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\"]");
  }
}
