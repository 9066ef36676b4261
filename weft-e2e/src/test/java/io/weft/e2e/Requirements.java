package io.weft.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What these tests need from the machine: root (namespaces, TAP devices), iproute2,
 * busybox (udhcpc, arping, nc), iperf3, tcpdump, and a built CNI plugin. With CI=true a
 * missing one fails the test loudly; otherwise the test is skipped with the reason printed.
 */
final class Requirements {
  private Requirements() {}

  static void check() {
    String missing = null;
    if (!Sh.run("id", "-u").out().trim().equals("0")) missing = "root (network namespaces, TAP devices)";
    else {
      for (String tool : new String[] {"ip", "busybox", "iperf3", "tcpdump", "nsenter"}) {
        if (!Sh.run("sh", "-c", "command -v " + tool).ok()) {
          missing = tool + " (apt-get install iproute2 busybox iperf3 tcpdump util-linux)";
          break;
        }
      }
    }
    if (missing == null && Pod.cniJar() == null) missing = "a built weft-cni jar (mvn install -pl weft-cni)";
    if (missing == null) return;
    String msg = "end-to-end test needs " + missing;
    if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI=true: " + msg);
    System.out.println("SKIPPED: " + msg);
    Assumptions.abort(msg);
  }

  static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("bin/weft-cni"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("bin/weft-cni not found above " + Path.of("").toAbsolutePath());
    return p;
  }
}
