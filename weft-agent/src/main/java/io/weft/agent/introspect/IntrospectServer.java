package io.weft.agent.introspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.weft.agent.Agent;
import io.weft.agent.controller.ControlSession;
import io.weft.agent.flow.FlowRecord;
import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Route;
import java.net.InetSocketAddress;

/**
 * The agent's introspect API and Prometheus metrics (default 127.0.0.1:8085):
 * {@code /vrfs}, {@code /routes[?vrf=]}, {@code /ports}, {@code /flows}, {@code /flows/denied},
 * {@code /sessions}, {@code /metrics}. JSON is built on each request from the concurrent tables.
 */
public final class IntrospectServer implements AutoCloseable {
  private final Javalin app;
  private final Agent agent;
  private final ObjectMapper json = new ObjectMapper();

  private IntrospectServer(Agent agent, Javalin app) {
    this.agent = agent;
    this.app = app;
  }

  public static IntrospectServer start(Agent agent, InetSocketAddress at) {
    Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
    IntrospectServer s = new IntrospectServer(agent, app);
    app.get("/vrfs", ctx -> ctx.json(s.vrfs()));
    app.get("/routes", ctx -> ctx.json(s.routes(ctx.queryParam("vrf"))));
    app.get("/ports", ctx -> ctx.json(s.ports()));
    app.get("/flows", ctx -> ctx.json(s.flows(false)));
    app.get("/flows/denied", ctx -> ctx.json(s.flows(true)));
    app.get("/sessions", ctx -> ctx.json(s.sessions()));
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics()));
    app.start(at.getHostString(), at.getPort());
    return s;
  }

  public int port() {
    return app.port();
  }

  ArrayNode vrfs() {
    ArrayNode a = json.createArrayNode();
    for (String v : new java.util.TreeSet<>(agent.vrfs().names())) {
      ObjectNode o = a.addObject().put("name", v).put("routes", agent.vrfs().routes(v).size());
      var spec = agent.vrfs().spec(v);
      if (spec != null) o.put("vni", spec.vni()).put("network", spec.network());
    }
    return a;
  }

  ArrayNode routes(String only) {
    ArrayNode a = json.createArrayNode();
    for (String v : new java.util.TreeSet<>(agent.vrfs().names())) {
      if (only != null && !only.equals(v)) continue;
      for (Route r : agent.vrfs().routes(v)) {
        ObjectNode o = a.addObject().put("vrf", v).put("prefix", r.prefix()).put("nextHop", r.nextHop()).put("label", r.label())
            .put("vni", r.vni()).put("network", r.network()).put("local", r.local());
        r.encapsulations().forEach(o.putArray("encapsulations")::add);
        r.tags().forEach(o.putArray("tags")::add);
        r.securityGroups().forEach(o.putArray("securityGroups")::add);
      }
    }
    return a;
  }

  ArrayNode ports() {
    ArrayNode a = json.createArrayNode();
    for (LocalPort p : agent.ports().all()) {
      ObjectNode o = a.addObject().put("uuid", p.uuid()).put("vmUuid", p.vmUuid()).put("vmName", p.vmName())
          .put("tap", p.hostIfName()).put("ready", p.ready()).put("label", p.label());
      if (p.config() != null) {
        o.put("name", p.configName()).put("vrf", Agent.vrfOf(p.config())).put("mac", p.config().macAddress());
        p.config().addresses().forEach(ad -> o.withArray("addresses").add(ad.address() + "/" + ad.prefixLength()));
      }
    }
    return a;
  }

  ArrayNode flows(boolean deniedOnly) {
    ArrayNode a = json.createArrayNode();
    for (FlowRecord f : deniedOnly ? agent.flows().denied() : agent.flows().recent()) {
      a.addObject().put("at", f.at().toString()).put("vrf", f.vrf()).put("src", f.src()).put("dst", f.dst())
          .put("protocol", f.protocol()).put("srcPort", f.srcPort()).put("dstPort", f.dstPort()).put("allowed", f.allowed())
          .put("kind", f.kind()).put("scope", f.scope()).put("rule", f.rule()).put("source", f.source()).put("reason", f.reason());
    }
    return a;
  }

  ArrayNode sessions() {
    ArrayNode a = json.createArrayNode();
    if (agent.controllers() == null) return a;
    for (ControlSession s : agent.controllers().sessions()) {
      a.addObject().put("controlNode", s.address().getHostString() + ":" + s.address().getPort()).put("up", s.connected())
          .put("established", s.establishedCount());
    }
    return a;
  }

  String metrics() {
    StringBuilder sb = new StringBuilder();
    gauge(sb, "weft_agent_vrfs", "VRFs on this host", agent.vrfs().names().size());
    gauge(sb, "weft_agent_routes", "Routes in all VRFs", agent.vrfs().routeCount());
    gauge(sb, "weft_agent_ports", "Ports attached", agent.ports().all().size());
    gauge(sb, "weft_agent_ports_ready", "Ports bound to their config", agent.ports().all().stream().filter(LocalPort::ready).count());
    gauge(sb, "weft_agent_labels", "MPLS labels allocated", agent.labelsInUse());
    sb.append("# HELP weft_agent_flows_total Flows decided\n# TYPE weft_agent_flows_total counter\n");
    sb.append("weft_agent_flows_total{action=\"allow\"} ").append(agent.flows().allowedCount()).append('\n');
    sb.append("weft_agent_flows_total{action=\"deny\"} ").append(agent.flows().deniedCount()).append('\n');
    sb.append("# HELP weft_agent_denied_flows_total Denied flows by deciding rule\n# TYPE weft_agent_denied_flows_total counter\n");
    agent.flows().deniedByRule().forEach((rule, n) -> sb.append("weft_agent_denied_flows_total{rule=\"")
        .append(rule.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"} ").append(n).append('\n'));
    sb.append("# HELP weft_agent_control_session_up Control-node session state\n# TYPE weft_agent_control_session_up gauge\n");
    agent.metrics().sessions().forEach((i, up) -> sb.append("weft_agent_control_session_up{index=\"").append(i).append("\"} ")
        .append(up ? 1 : 0).append('\n'));
    return sb.toString();
  }

  private static void gauge(StringBuilder sb, String name, String help, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n").append(name)
        .append(' ').append(v).append('\n');
  }

  @Override
  public void close() {
    app.stop();
  }
}
