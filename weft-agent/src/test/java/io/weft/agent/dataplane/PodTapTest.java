package io.weft.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.agent.oper.LocalPort;
import io.weft.forwarder.Forwarder;
import io.weft.forwarder.ForwarderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A CNI ADD's TAP made by the forwarder dataplane directly inside the pod's namespace (never
 * in the host, so never moved), then set up there by {@link PodInterfaces}, and gone from the
 * pod when the unbound port is removed. Needs root (network namespaces, TAP devices).
 */
class PodTapTest {

  @Test
  void theTapIsCreatedInThePodAndSetUpThere() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI=true and not root: PodTapTest needs root");
      Assumptions.abort("needs root (network namespaces, TAP devices)");
    }
    long pid = ProcessHandle.current().pid();
    String ns = "wfpod" + pid;
    String netns = "/var/run/netns/" + ns;
    String host = "wpt" + (pid % 100_000);
    sh("ip", "netns", "add", ns);
    try (ForwarderDataplane dp = new ForwarderDataplane(Forwarder.start(ForwarderConfig.defaults(), null), null)) {
      LocalPort port = new LocalPort("vmi-" + pid, "vm-" + pid, "pod", host, "eth0", netns, null, null, null, 0);

      assertThat(dp.addPortInPod(port)).isTrue();
      assertThat(Files.exists(Path.of("/sys/class/net", host))).as("a host device " + host).isFalse();
      assertThat(sh("ip", "-n", ns, "-d", "link", "show", "dev", "eth0")).contains("tun type tap");

      PodInterfaces.attach(new PodInterfaces.Setup(host, true, netns, "eth0", "02:aa:00:00:00:31", 1400, "10.9.0.5", 24, "10.9.0.1"));
      assertThat(sh("ip", "-n", ns, "-o", "link", "show", "dev", "eth0")).contains("02:aa:00:00:00:31").contains("mtu 1400");
      assertThat(sh("ip", "-n", ns, "-o", "addr", "show", "dev", "eth0")).contains("10.9.0.5/24");
      assertThat(sh("ip", "-n", ns, "route")).contains("default via 10.9.0.1 dev eth0");

      dp.removePort(port); // never bound: the persistent TAP is released and goes with its fd
      assertThat(sh("ip", "-n", ns, "link", "show", "dev", "eth0")).contains("does not exist");
    } finally {
      sh("ip", "netns", "del", ns);
    }
  }

  private static String sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }
}
