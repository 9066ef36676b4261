package io.weft.app;

import io.weft.control.ControlNode;
import io.weft.control.bgp.BgpService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft control}: a control node alone, taking derived config from a (possibly remote) config API. */
@Command(
    name = "control",
    mixinStandardHelpOptions = true,
    description = {
      "Run a control node alone, until interrupted.",
      "Routing instances and route-target import/export, XMPP sessions with vRouter agents,",
      "introspect and /metrics; with --bgp-router, BGP as that BgpRouter resource says (its",
      "address, port, AS and peers; other control nodes over iBGP)."
    })
final class ControlCommand implements Callable<Integer> {
  @Option(names = "--config-api", defaultValue = "http://127.0.0.1:8082", description = "Config API to watch (default: ${DEFAULT-VALUE}).")
  String configApi;

  @Option(names = "--token-file", description = "File holding the config API's bearer token.")
  Path tokenFile;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address XMPP and introspect listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--xmpp-port", defaultValue = "5269", description = "XMPP port for agents (default: ${DEFAULT-VALUE}; 0 picks one).")
  int xmppPort;

  @Option(names = "--introspect-port", defaultValue = "8083", description = "Introspect and /metrics port (default: ${DEFAULT-VALUE}; -1 disables).")
  int introspectPort;

  @Option(names = "--dns-port", defaultValue = "53", description = "UDP port answering DNS for port names, on --host (default: ${DEFAULT-VALUE}; 0 or -1 turns DNS off).")
  int dnsPort;

  @Option(names = "--domain", defaultValue = "weft.local", description = "DNS domain of port names, <port>.<project>.<domain> (default: ${DEFAULT-VALUE}).")
  String domain;

  @Option(names = "--gr-stale-seconds", defaultValue = "60", description = "Graceful restart: keep a dropped agent's routes this long (default: ${DEFAULT-VALUE}).")
  long grStaleSeconds;

  @Option(names = "--max-queue", defaultValue = "200000", description = "Pending updates per agent before it is disconnected (default: ${DEFAULT-VALUE}).")
  int maxQueue;

  @Option(names = "--bgp-router", paramLabel = "NAME", description = {
      "Run BGP as this node's BgpRouter resource NAME: it gives the speaker's address, port, AS, router id",
      "and cluster id; its peers and every other control-node BgpRouter become neighbours. Without it BGP is off."})
  String bgpRouter;

  @Override
  public Integer call() throws Exception {
    String token = tokenFile == null ? null : Files.readString(tokenFile).strip();
    ControlNode.Settings s = ControlNode.Settings.defaults(configApi).withToken(token)
        .withPorts(host, xmppPort, introspectPort).withDns(dnsPort, domain).withStaleTime(Duration.ofSeconds(grStaleSeconds)).withQueueBound(maxQueue);
    BgpService.Settings bgp = bgpRouter == null ? null : BgpService.Settings.of(bgpRouter, null);
    try (ControlNode node = ControlNode.start(s, bgp)) {
      System.out.printf("weft: control node: XMPP on %s:%d, introspect on %d, DNS %s, config from %s%s%n", host, node.xmppPort(),
          node.introspectPort(), node.dnsPort() < 0 ? "off" : "on " + node.dnsPort(), configApi,
          bgpRouter == null ? "" : ", BGP as BgpRouter " + bgpRouter);
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "weft-shutdown"));
      stop.await();
      return 0;
    } catch (java.io.IOException e) {
      System.err.println("weft: control node cannot start: " + e.getMessage() + " (is the port in use? try --xmpp-port; DNS on port 53 needs root: --dns-port)");
      return 1;
    }
  }
}
