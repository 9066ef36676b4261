package io.weft.e2e;

import io.weft.agent.Agent;
import io.weft.agent.AgentOptions;
import io.weft.agent.dataplane.ForwarderDataplane;
import io.weft.agent.introspect.IntrospectServer;
import io.weft.agent.portapi.PortApiServer;
import io.weft.forwarder.Forwarder;
import io.weft.forwarder.ForwarderConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * A host: a vRouter agent with its forwarder on underlay address {@code underlay}, its port
 * API and introspect on ephemeral loopback ports, in this JVM. {@link #restart} stops the
 * agent and forwarder (the pods' TAP devices stay) and starts them again on the same state
 * directory and port API address, as a restarted {@code weft agent} would.
 */
final class Host implements AutoCloseable {
  final String name;
  final String underlay;
  private final List<InetSocketAddress> controls;
  private final List<InetSocketAddress> controlDns;
  private final Path stateDir;
  private List<String> encapsulations;
  private int portApiPort;
  private int introspectPort;
  private Agent agent;
  private ForwarderDataplane dataplane;
  private PortApiServer portApi;
  private IntrospectServer introspect;
  private final HttpClient http = HttpClient.newHttpClient();

  Host(String name, String underlay, List<InetSocketAddress> controls, List<InetSocketAddress> controlDns, Path stateDir,
      List<String> encapsulations) throws IOException {
    this.name = name;
    this.underlay = underlay;
    this.controls = controls;
    this.controlDns = controlDns;
    this.stateDir = stateDir;
    this.encapsulations = encapsulations;
    start();
  }

  private void start() throws IOException {
    AgentOptions o = new AgentOptions(name, underlay, controls, new InetSocketAddress("127.0.0.1", portApiPort),
        new InetSocketAddress("127.0.0.1", introspectPort), "weft.local", 0, encapsulations, controlDns);
    Forwarder f = Forwarder.start(ForwarderConfig.defaults().withUnderlay(InetAddress.ofLiteral(underlay))
        .withMplsOverGre(false).withEncapsulationPriority(ForwarderDataplane.encapsulations(encapsulations)));
    dataplane = new ForwarderDataplane(f, stateDir);
    agent = new Agent(o, dataplane);
    portApi = PortApiServer.start(agent, o.portApi());
    introspect = IntrospectServer.start(agent, o.introspect());
    portApiPort = portApi.port();
    introspectPort = introspect.port();
    agent.start();
  }

  /** Stops and starts the agent, optionally with another encapsulation list. */
  void restart(List<String> encaps) throws IOException {
    stop();
    if (encaps != null) encapsulations = encaps;
    start();
  }

  String portApi() {
    return "127.0.0.1:" + portApiPort;
  }

  Agent agent() {
    return agent;
  }

  Forwarder forwarder() {
    return dataplane.forwarder();
  }

  ForwarderDataplane dataplane() {
    return dataplane;
  }

  /** GET on the agent's introspect (e.g. /flows/denied), as text. */
  String introspect(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + introspectPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  private void stop() {
    if (introspect != null) introspect.close();
    if (portApi != null) portApi.close();
    if (agent != null) agent.close();
    introspect = null;
    portApi = null;
    agent = null;
  }

  @Override
  public void close() {
    stop();
  }
}
