package io.weft.app;

import io.weft.cli.Weftctl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weft up --demo}: applies the example manifests through the same code path as
 * {@code weftctl apply}, waits for the compiler, prints the policy decision for the demo's
 * interesting flows (as {@code weftctl explain} computes them), then what to look at.
 */
final class Demo {
  /** Waits until the compiler has caught up with every write; false on timeout. */
  interface CompiledWaiter {
    boolean await() throws InterruptedException;
  }

  /** A flow of the demo, and what the policies should decide for it. */
  private record DemoFlow(String from, String to, String proto, int port, String why) {}

  private static final List<DemoFlow> FLOWS = List.of(
      new DemoFlow("finance/prod-web-1", "finance/prod-app-1", "tcp", 8080, "web -> app 8080, same deployment"),
      new DemoFlow("finance/prod-app-1", "finance/prod-db-1", "tcp", 1521, "app -> db 1521, same deployment"),
      new DemoFlow("finance/prod-app-1", "finance/prod-db-1", "tcp", 1630, "app -> db 1630, same deployment"),
      new DemoFlow("finance/prod-web-1", "finance/prod-db-1", "tcp", 1521, "web -> db: no rule"),
      new DemoFlow("finance/prod-app-1", "finance/prod-db-1", "tcp", 22, "app -> db 22: not in the service"),
      new DemoFlow("finance/prod-web-1", "finance/dev-app-1", "tcp", 8080, "across deployments"),
      new DemoFlow("finance/dev-web-1", "finance/dev-app-1", "tcp", 8080, "web -> app 8080, development"),
      new DemoFlow("demo/red-1", "demo/green-1", "tcp", 80, "red -> green, joined by policy red-green"));

  private final String serverUrl;
  private final String token;
  private final Path examples;
  private final CompiledWaiter compiled;
  private final List<String> decisions = new ArrayList<>();

  Demo(String serverUrl, String token, Path examples, CompiledWaiter compiled) {
    this.serverUrl = serverUrl;
    this.token = token;
    this.examples = examples;
    this.compiled = compiled;
  }

  int run(PrintStream out, PrintStream err) throws InterruptedException {
    if (!Files.isDirectory(examples)) {
      err.println("weft: --demo needs the examples directory, but " + examples.toAbsolutePath().normalize()
          + " does not exist; run from the repository root or pass --examples DIR");
      return 1;
    }
    out.println("weft: applying the demo manifests in " + examples + " ...");
    int rc = weftctl(out, err, "apply", "-f", examples.toString());
    if (rc != 0) {
      err.println("weft: applying the demo failed (exit " + rc + "); the API is still running");
      return rc;
    }
    out.println("weft: compiling routing instances and port configs ...");
    if (!compiled.await()) {
      err.println("weft: the compiler has not caught up yet; the decisions below may be incomplete");
    }
    printDecisions(out, err);
    return 0;
  }

  /** The last lines of the demo: where to look next. */
  void printWhatToLookAt(PrintStream out) {
    out.println();
    out.println("Demo ready. Things to look at (in another terminal):");
    out.println("  bin/weftctl get projects");
    out.println("  bin/weftctl get virtualnetworks -A");
    out.println("  bin/weftctl get routinginstances -A      # route targets, imports after policy, VNIs");
    out.println("  bin/weftctl get portconfigs -A            # addresses, effective tags, compiled rules");
    out.println("  bin/weftctl explain --from finance/prod-web-1 --to finance/dev-app-1 --proto tcp --port 8080");
    out.println("  bin/weftctl get vn -A --watch             # live changes");
    out.println("  ip netns exec wd-prod-web-1 ping 10.10.1.4   # pods are network namespaces (as root)");
    out.println("  curl -s " + serverUrl + "/metrics | grep weft_");
  }

  private void printDecisions(PrintStream out, PrintStream err) {
    out.println();
    out.println("Policy decisions (weftctl explain):");
    for (DemoFlow f : FLOWS) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
      int rc = weftctl(new PrintStream(buf, true, StandardCharsets.UTF_8), new PrintStream(errBuf, true, StandardCharsets.UTF_8),
          "explain", "--from", f.from(), "--to", f.to(), "--proto", f.proto(), "--port", Integer.toString(f.port()));
      String decision = rc != 0 ? "?" : buf.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith("Decision:")).findFirst().orElse("?").replace("Decision: ", "");
      decisions.add(decision);
      out.printf("  %-20s -> %-20s %s/%-5d %-45s %s%n", f.from(), f.to(), f.proto(), f.port(), "(" + f.why() + ")", decision);
      if (rc != 0) err.print(errBuf.toString(StandardCharsets.UTF_8));
    }
  }

  /** The demo flows as (from, to, port), for the workloads to listen and connect. */
  static List<String[]> flows() {
    return FLOWS.stream().map(f -> new String[] {f.from(), f.to(), Integer.toString(f.port())}).toList();
  }

  /**
   * Connects for each demo flow between the workloads' namespaces and prints who reaches whom
   * next to the policy decision; returns the number of flows where the two disagree.
   */
  int printConnectivity(DemoWorkloads w, PrintStream out) {
    out.println();
    out.println("Connectivity (TCP connect between the pods' namespaces through the vRouters):");
    int mismatches = 0;
    for (int i = 0; i < FLOWS.size(); i++) {
      DemoFlow f = FLOWS.get(i);
      String decision = i < decisions.size() ? decisions.get(i).strip() : "?";
      boolean allowed = decision.toLowerCase(java.util.Locale.ROOT).startsWith("allow") || decision.toLowerCase(java.util.Locale.ROOT)
          .startsWith("pass");
      boolean reached = w.reaches(f.from(), f.to(), f.port(), allowed ? 10 : 1);
      boolean match = reached == allowed;
      if (!match) mismatches++;
      out.printf("  %-20s -> %-20s %s/%-5d %-8s policy: %-8s %s%n", f.from(), f.to(), f.proto(), f.port(), reached ? "reaches" : "blocked",
          allowed ? "allow" : "deny", match ? "ok" : "MISMATCH");
    }
    return mismatches;
  }

  private int weftctl(PrintStream out, PrintStream err, String... command) {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (token != null) env.put("WEFT_TOKEN", token);
    List<String> args = new ArrayList<>(List.of("--server", serverUrl));
    args.addAll(List.of(command));
    return Weftctl.run(args.toArray(String[]::new), out, err, env);
  }
}
