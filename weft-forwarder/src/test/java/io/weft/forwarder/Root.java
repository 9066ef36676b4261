package io.weft.forwarder;

import org.junit.jupiter.api.Assumptions;

/** Root-only tests: under CI=true they fail loudly without root; otherwise they skip with the reason printed. */
final class Root {
  private Root() {}

  static boolean isRoot() {
    try {
      return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static void require(String why) {
    if (isRoot()) return;
    String msg = why + " needs root (CAP_NET_ADMIN/CAP_NET_RAW)";
    if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI=true and not root: " + msg);
    System.out.println("SKIPPED: " + msg);
    Assumptions.abort(msg);
  }
}
