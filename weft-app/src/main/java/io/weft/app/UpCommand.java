package io.weft.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code weft up}: every role in one JVM. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run Weft all-in-one in this process until interrupted (Ctrl-C).",
      "The config role (API on --host:--port, SQLite store in --data-dir,",
      "compiler) and a control node; with --demo also the example manifests and,",
      "as root, three vRouter agents with the demo's pods as network namespaces",
      "and a connectivity matrix."
    })
final class UpCommand implements Callable<Integer> {
  @Mixin ConfigRoleOptions configRole;

  @Option(names = "--demo", description = "Apply the manifests in --examples (FinancePortal, red/green) and print what to look at.")
  boolean demo;

  @Option(names = "--xmpp-port", defaultValue = "5269", description = "Control node XMPP port for agents (default: ${DEFAULT-VALUE}; 0 picks one).")
  int xmppPort;

  @Option(names = "--introspect-port", defaultValue = "8083", description = "Control node introspect and /metrics port (default: ${DEFAULT-VALUE}; -1 disables).")
  int introspectPort;

  @Option(names = "--dns-port", description = "Control node UDP port answering DNS for port names (default: 53, or off with the"
      + " reason when 53 cannot be bound, e.g. without root; 0 or -1 turns DNS off).")
  Integer dnsPort;

  @Option(names = "--domain", defaultValue = "weft.local", description = "DNS domain of port names, <port>.<project>.<domain> (default: ${DEFAULT-VALUE}).")
  String domain;

  @Option(names = "--examples", defaultValue = "examples", description = "Directory of demo manifests for --demo (default: ${DEFAULT-VALUE}).")
  Path examples;

  @Option(names = "--bgp-router", paramLabel = "NAME", description = {
      "The control node runs BGP as the BgpRouter resource NAME (address, port, AS, peers);",
      "without it BGP is off."})
  String bgpRouter;

  @Override
  public Integer call() throws Exception {
    try (ConfigRole config = ConfigRole.start(configRole.settings());
        ControlRole control = ControlRole.start(config.url(), config.token(), configRole.host, xmppPort, introspectPort, bgpRouter,
            dnsPort == null ? io.weft.control.ControlNode.DEFAULT_DNS_PORT : dnsPort, domain, dnsPort == null)) {
      System.out.printf("weft: config API listening on %s (store: %s)%n", config.url(), config.storeDescription());
      System.out.printf("weft: control node: %s%n", control.describe());
      DemoWorkloads workloads = null;
      if (demo) {
        Demo d = new Demo(config.url(), config.token(), examples, () -> config.awaitCompiled(java.time.Duration.ofSeconds(30)));
        int rc = d.run(System.out, System.err);
        if (rc != 0) return rc;
        String why = DemoWorkloads.whyNot();
        if (why != null) {
          System.out.println("weft: demo workloads (agents, pods as namespaces) skipped: " + why);
        } else {
          workloads = new DemoWorkloads(configRole.dataDir, control.xmppPort(), control.dnsPort());
          try {
            workloads.start(Demo.flows(), System.out);
            int bad = d.printConnectivity(workloads, System.out);
            System.out.println(bad == 0 ? "weft: connectivity matches the policies" : "weft: " + bad + " flow(s) do not match the policies");
          } catch (java.io.IOException | RuntimeException e) {
            System.err.println("weft: demo workloads failed: " + e.getMessage());
          }
        }
        d.printWhatToLookAt(System.out);
      }
      System.out.println("weft: running; Ctrl-C stops it.");
      try (DemoWorkloads w = workloads) {
        ShutdownSignal.await();
      }
      System.out.println("weft: stopping");
      return 0;
    } catch (ConfigRole.StartException e) {
      System.err.println("weft: " + e.getMessage());
      return 1;
    }
  }
}
