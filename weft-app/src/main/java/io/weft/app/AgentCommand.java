package io.weft.app;

import io.weft.agent.Agent;
import io.weft.agent.AgentOptions;
import io.weft.agent.dataplane.Dataplane;
import io.weft.agent.dataplane.ForwarderDataplane;
import io.weft.agent.dataplane.KernelTaps;
import io.weft.forwarder.Forwarder;
import io.weft.forwarder.ForwarderConfig;
import io.weft.agent.introspect.IntrospectServer;
import io.weft.agent.portapi.PortApiServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft agent}: a vRouter agent for this host. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Run a vRouter agent on this host, until interrupted.",
      "XMPP sessions to up to two control nodes, the userspace forwarder with its ports and VRFs,",
      "the port API used by the CNI plugin, DHCP, ARP proxy and DNS, introspect and /metrics."
    })
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--host", required = true, description = "This host's name (its VirtualRouter).")
  String host;

  @Option(names = "--underlay", defaultValue = "127.0.0.1", description = "This host's underlay address (default: ${DEFAULT-VALUE}).")
  String underlay;

  @Option(names = "--control", description = "A control node host:port (repeat for a second; default 127.0.0.1:5269).")
  List<String> controls = new ArrayList<>();

  @Option(names = "--control-dns-port", defaultValue = "53", description = "UDP port of the control nodes' DNS, asked for ports of other hosts (default: ${DEFAULT-VALUE}; 0 or -1: ask none).")
  int controlDnsPort;

  @Option(names = "--port-api", defaultValue = "127.0.0.1:9091", description = "Port API address (default: ${DEFAULT-VALUE}).")
  String portApi;

  @Option(names = "--introspect", defaultValue = "127.0.0.1:8085", description = "Introspect and /metrics address (default: ${DEFAULT-VALUE}).")
  String introspect;

  @Option(names = "--domain", defaultValue = "weft.local", description = "DNS domain for ports (default: ${DEFAULT-VALUE}).")
  String domain;

  @Option(names = "--encap", split = ",", description = "Encapsulation priority, preferred first: udp (MPLSoUDP), gre (MPLSoGRE), vxlan (default: udp,gre,vxlan).")
  List<String> encapsulations = new ArrayList<>();

  @Option(names = "--dataplane", defaultValue = "forwarder", description = "forwarder: the userspace forwarder on TAP devices; taps: TAP devices only, no forwarding (default: ${DEFAULT-VALUE}).")
  String dataplane;

  @Option(names = "--state-dir", defaultValue = "./weft-data/agent", description = "Where announced ports are kept so a restarted agent re-attaches them (default: ${DEFAULT-VALUE}).")
  java.nio.file.Path stateDir;

  @Option(names = "--mtu", defaultValue = "0", description = "MTU handed out by DHCP; 0 sends none (default: ${DEFAULT-VALUE}).")
  int mtu;

  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  @Override
  public Integer call() throws Exception {
    List<InetSocketAddress> cs = new ArrayList<>();
    for (String c : controls.isEmpty() ? List.of("127.0.0.1:5269") : controls) cs.add(address(c));
    List<String> encaps = encapsulations.isEmpty() ? List.of("udp", "gre", "vxlan") : encapsulations;
    AgentOptions o = new AgentOptions(host, underlay, cs, address(portApi), address(introspect), domain, mtu, encaps,
        AgentOptions.dnsOf(cs, controlDnsPort));
    Dataplane dp = switch (dataplane) {
      case "taps" -> new KernelTaps();
      case "forwarder" -> new ForwarderDataplane(Forwarder.start(ForwarderConfig.defaults()
          .withUnderlay(java.net.InetAddress.ofLiteral(underlay))
          .withEncapsulationPriority(ForwarderDataplane.encapsulations(encaps))), stateDir);
      default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--dataplane: forwarder or taps");
    };
    Agent agent = new Agent(o, dp);
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // The hook waits for the close below, so the TAP devices are removed before the JVM halts.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "weft-shutdown"));
    try (agent; PortApiServer api = PortApiServer.start(agent, o.portApi());
        IntrospectServer intro = IntrospectServer.start(agent, o.introspect())) {
      agent.start();
      System.out.printf("weft: agent %s (underlay %s, dataplane %s, encapsulations %s): port API on %s, introspect on %s, control nodes %s%n",
          host, underlay, dataplane, encaps, portApi, introspect, cs);
      stop.await();
      return 0;
    } finally {
      closed.countDown();
    }
  }
}
