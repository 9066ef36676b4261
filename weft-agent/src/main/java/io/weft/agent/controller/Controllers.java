package io.weft.agent.controller;

import io.weft.agent.Agent;
import io.weft.agent.AgentOptions;
import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Route;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's sessions to its control nodes (at most two, tungsten-fabric.md §3): each
 * session subscribes to this host's config node and to every VRF with local ports,
 * publishes every local route, and feeds received routes and config to the agent. Both
 * sessions carry routes; config is taken from either (changes are idempotent).
 *
 * <p>Headless operation: a dropped session keeps its routes in the VRF table (the forwarder
 * keeps forwarding); it reconnects every second and, after the control node's End-of-RIB,
 * drops only what was not re-sent.
 */
public final class Controllers implements AutoCloseable {
  private final Agent agent;
  private final List<ControlSession> sessions = new ArrayList<>();
  private final Map<String, Long> instanceIds = new ConcurrentHashMap<>();
  private final AtomicLong nextInstance = new AtomicLong(1);

  public Controllers(Agent agent, AgentOptions options) {
    this.agent = agent;
    int i = 0;
    for (InetSocketAddress a : options.controls()) sessions.add(new ControlSession(agent, this, i++, a, options));
  }

  public void start() {
    for (ControlSession s : sessions) s.start();
  }

  public List<ControlSession> sessions() {
    return List.copyOf(sessions);
  }

  /** The instance id of a VRF, stable for the agent's life (RD = underlay:id). */
  long instanceId(String vrf) {
    return instanceIds.computeIfAbsent(vrf, k -> nextInstance.getAndIncrement());
  }

  public void subscribe(String vrf) {
    for (ControlSession s : sessions) s.subscribe(vrf);
  }

  public void publish(Route r) {
    for (ControlSession s : sessions) s.publish(r, true);
  }

  public void withdraw(Route r) {
    for (ControlSession s : sessions) s.publish(r, false);
  }

  /** Local routes of every ready port, for a (re)connecting session. */
  List<Route> localRoutes() {
    List<Route> out = new ArrayList<>();
    for (String vrf : agent.vrfs().names()) {
      for (Route r : agent.vrfs().routes(vrf)) if (r.local()) out.add(r);
    }
    return out;
  }

  /** VRFs with a ready local port. */
  List<String> localVrfs() {
    List<String> out = new ArrayList<>();
    for (LocalPort p : agent.ports().all()) {
      if (p.ready()) {
        String v = Agent.vrfOf(p.config());
        if (!out.contains(v)) out.add(v);
      }
    }
    for (String v : agent.vrfs().names()) if (!out.contains(v)) out.add(v);
    return out;
  }

  public boolean anyConnected() {
    return sessions.stream().anyMatch(ControlSession::connected);
  }

  @Override
  public void close() {
    for (ControlSession s : sessions) s.close();
  }
}
