package io.weft.app;

import io.weft.control.sim.SimFleet;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft sim-agents}: simulated vRouter agents that publish routes and check what comes back. */
@Command(
    name = "sim-agents",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate N vRouter agents against a control node and check what they receive.",
      "Opens N agent XMPP sessions with M ports each on K networks, publishes their routes,",
      "subscribe to their networks and check that every agent receives exactly its networks' routes.",
      "With --config-api the networks <project>/net-0..K-1 are created there first and their",
      "RoutingInstances awaited. Prints convergence time and single-route fan-out latency; exits 1 on mismatch."
    })
final class SimAgentsCommand implements Callable<Integer> {
  @Option(names = "--control", required = true, split = ",", description = "Control node(s) HOST:PORT; agents connect to each.")
  List<String> controls;

  @Option(names = "--agents", defaultValue = "10", description = "Agents (default: ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--ports", defaultValue = "5", description = "Ports per agent (default: ${DEFAULT-VALUE}).")
  int ports;

  @Option(names = "--networks", defaultValue = "4", description = "Networks in all (default: ${DEFAULT-VALUE}).")
  int networks;

  @Option(names = "--networks-per-agent", defaultValue = "4", description = "Networks each agent has ports in (default: ${DEFAULT-VALUE}).")
  int networksPerAgent;

  @Option(names = "--config-api", description = "Config API to create the project and networks in (omit when they exist).")
  String configApi;

  @Option(names = "--project", defaultValue = "sim", description = "Project of the networks (default: ${DEFAULT-VALUE}).")
  String project;

  @Option(names = "--probes", defaultValue = "100", description = "Single-route fan-out probes after convergence (default: ${DEFAULT-VALUE}).")
  int probes;

  @Option(names = "--timeout-seconds", defaultValue = "120", description = "Give up converging after this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--hold-seconds", defaultValue = "0", description = "Keep the sessions open this long after the summary (for measuring the control node).")
  int holdSeconds;

  @Option(names = "--pause-seconds", defaultValue = "0", description = "Wait this long between sessions up and publishing (for measuring the control node).")
  int pauseSeconds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed for probe placement (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    List<InetSocketAddress> addrs = new ArrayList<>();
    for (String c : controls) {
      int colon = c.lastIndexOf(':');
      if (colon < 0) {
        System.err.println("weft: --control " + c + ": expected HOST:PORT");
        return 2;
      }
      addrs.add(new InetSocketAddress(c.substring(0, colon), Integer.parseInt(c.substring(colon + 1))));
    }
    SimFleet fleet = new SimFleet(new SimFleet.Options(addrs, agents, ports, networks, networksPerAgent, configApi, project,
        Duration.ofSeconds(timeoutSeconds), probes, seed, Duration.ofSeconds(pauseSeconds)), System.out);
    try {
      SimFleet.Result r = fleet.run();
      System.out.printf("sim-agents: routes=%d convergence_s=%.3f fanout_p50_ms=%.2f fanout_p99_ms=%.2f probes=%d mismatched_agents=%d%n",
          r.routes(), r.convergenceSeconds(), r.percentile(50), r.percentile(99), r.probeMillis().length, r.mismatches());
      System.out.flush();
      if (holdSeconds > 0) Thread.sleep(holdSeconds * 1000L);
      return r.mismatches() == 0 && !Double.isNaN(r.convergenceSeconds()) ? 0 : 1;
    } finally {
      fleet.stop();
    }
  }
}
