package io.weft.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.cli.output.Documents;
import io.weft.model.IpAddresses;
import io.weft.model.Kind;
import io.weft.model.derived.rules.Endpoint;
import io.weft.model.derived.rules.Flow;
import io.weft.model.derived.rules.PortPolicy;
import io.weft.model.derived.rules.Protocols;
import io.weft.policy.Check;
import io.weft.policy.ConsultedRule;
import io.weft.policy.Decision;
import io.weft.policy.PolicyEvaluator;
import io.weft.policy.PolicyKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weftctl explain}: which policy rules decide a flow. Each end is a port
 * ({@code project/name}, whose PortConfig the compiler wrote) or an address (the port
 * holding it, or an external end with no rules of its own). The decision comes from the one
 * evaluator, {@link PolicyEvaluator}, fed with the compiled rules the vRouters get.
 */
@Command(
    name = "explain",
    description = "Explain which policy rules allow or deny a flow.",
    mixinStandardHelpOptions = true,
    footer = {"", "Examples:", "  weftctl explain --from finance/web-1 --to finance/app-1 --proto tcp --port 8080",
        "  weftctl explain --from 10.1.1.3 --to 10.1.2.4 --proto icmp -o json"})
public final class ExplainCommand implements Callable<Integer> {
  /** Source port used when none is given: the first IANA ephemeral port. */
  static final int DEFAULT_SRC_PORT = 49152;

  @Option(names = "--from", required = true, paramLabel = "SRC", description = "Source: a port project/name (or name with -n), or an address.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "DST", description = "Destination: a port project/name (or name with -n), or an address.")
  String to;

  @Option(names = "--proto", required = true, paramLabel = "PROTO", description = "tcp, udp, icmp (or a protocol number).")
  String proto;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Destination port (tcp/udp).")
  int port;

  @Option(names = "--src-port", paramLabel = "N", description = "Source port (default " + DEFAULT_SRC_PORT + " for tcp/udp, 0 otherwise).")
  Integer srcPort;

  @Option(names = {"-n", "--project"}, paramLabel = "PROJECT", description = "Project of ports given by bare name (default: $WEFT_PROJECT).")
  String project;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String output;

  private final Weftctl root;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  public ExplainCommand(Weftctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) throw CliException.usage("-o must be text or json, not '" + output + "'");
    int protocol;
    try {
      protocol = Protocols.parse(proto);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--proto: " + e.getMessage());
    }
    if (protocol == Protocols.ANY) throw CliException.usage("--proto: a flow has one protocol, not any");
    if (port < 0 || port > 65535) throw CliException.usage("--port " + port + " is outside 0..65535");
    boolean ported = Protocols.hasPorts(protocol);
    if (!ported && port != 0) throw CliException.usage("--port: protocol " + proto + " has no ports");
    int sport = srcPort != null ? srcPort : ported ? DEFAULT_SRC_PORT : 0;

    End src = resolve(from, "--from");
    End dst = resolve(to, "--to");
    Flow flow = new Flow(src.endpoint(), dst.endpoint(), protocol, sport, ported ? port : 0);
    Decision decision = evaluator.evaluate(flow, src.policy(), dst.policy());

    if (output.equals("json")) root.out().print(new Documents(root.codec()).json(json(flow, src, dst, decision)));
    else root.out().print(text(flow, src, dst, decision));
    return Weftctl.EXIT_OK;
  }

  /** One end of the flow: the port it is (null for an external address) and what policy needs. */
  record End(String port, Endpoint endpoint, PortPolicy policy, String note) {
    String describe() {
      return endpoint.address() + (port == null ? " (no port: external or unknown)" : " (port " + port + ")");
    }
  }

  private End resolve(String written, String option) {
    if (IpAddresses.isValid(written)) return byAddress(IpAddresses.parse(written), option);
    String p;
    String name;
    int slash = written.indexOf('/');
    if (slash >= 0) {
      p = written.substring(0, slash);
      name = written.substring(slash + 1);
    } else {
      p = project != null ? project : root.defaultProject();
      name = written;
      if (p == null) throw CliException.usage(option + " " + written + ": give the port as project/name, use -n PROJECT, or set WEFT_PROJECT");
    }
    JsonNode pc = root.client().get(Kind.PORT_CONFIG, p, name)
        .orElseThrow(() -> new CliException("portconfig " + p + "/" + name + " not found: no such port, or not compiled yet"));
    return fromPortConfig(pc, null);
  }

  private End byAddress(InetAddress address, String option) {
    List<JsonNode> holders = new ArrayList<>();
    JsonNode matched = null;
    for (JsonNode pc : root.client().list(Kind.PORT_CONFIG, null, null).items()) {
      for (JsonNode a : pc.path("spec").path("addresses")) {
        String text = a.path("address").asText("");
        if (IpAddresses.isValid(text) && IpAddresses.parse(text).equals(address)) {
          holders.add(pc);
          matched = a;
        }
      }
    }
    if (holders.size() > 1) {
      List<String> names = holders.stream().map(ExplainCommand::portName).toList();
      throw CliException.usage(option + " " + address.getHostAddress() + " is held by several ports (" + String.join(", ", names) + "): name one as project/name");
    }
    if (holders.isEmpty()) return new End(null, new Endpoint(address.getHostAddress(), null, List.of(), List.of()), null, null);
    return fromPortConfig(holders.getFirst(), matched);
  }

  private End fromPortConfig(JsonNode pc, JsonNode address) {
    JsonNode spec = pc.path("spec");
    JsonNode a = address != null ? address : spec.path("addresses").path(0);
    String name = portName(pc);
    if (a.isMissingNode()) throw new CliException("port " + name + " has no address yet");
    PortPolicy policy = null;
    String note = null;
    ObjectMapper json = root.codec().json();
    if (spec.path("policyDisabled").asBoolean(false)) {
      note = "policy disabled on this port: its rules are not applied";
    } else if (spec.hasNonNull("policy")) {
      try {
        policy = json.treeToValue(spec.path("policy"), PortPolicy.class);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new CliException("portconfig " + name + " has unreadable policy: " + e.getMessage());
      }
    } else {
      note = "no compiled policy in its PortConfig";
    }
    String network = policy != null ? policy.networkPolicy().network() : a.path("network").asText(null);
    Endpoint endpoint = new Endpoint(a.path("address").asText(), network, strings(spec.path("tags")), strings(spec.path("securityGroups")));
    return new End(name, endpoint, policy, note);
  }

  private static String portName(JsonNode pc) {
    JsonNode m = pc.path("metadata");
    return m.path("project").asText() + "/" + m.path("name").asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String action(ConsultedRule r) {
    return r.action().name().toLowerCase(Locale.ROOT);
  }

  String text(Flow flow, End src, End dst, Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append("Flow:      ").append(Protocols.name(flow.protocol())).append(' ')
        .append(src.endpoint().address()).append(Protocols.hasPorts(flow.protocol()) ? ":" + flow.srcPort() : "")
        .append(" -> ").append(dst.endpoint().address()).append(Protocols.hasPorts(flow.protocol()) ? ":" + flow.dstPort() : "").append('\n');
    sb.append("From:      ").append(src.describe()).append('\n');
    if (src.note() != null) sb.append("           ").append(src.note()).append('\n');
    sb.append("To:        ").append(dst.describe()).append('\n');
    if (dst.note() != null) sb.append("           ").append(dst.note()).append('\n');
    sb.append("Decision:  ").append(d.allowed() ? "ALLOW" : "DENY");
    d.deniedBy().ifPresent(c -> sb.append(" by ").append(c.kind().label()).append(" rule ").append(c.decidedBy().ruleId()).append(" (").append(c.scope()).append(')'));
    sb.append('\n');
    for (PolicyKind kind : PolicyKind.values()) {
      List<Check> checks = d.checks().stream().filter(c -> c.kind() == kind).toList();
      sb.append('\n').append(kind.label()).append(':');
      if (checks.isEmpty()) {
        sb.append(" does not apply\n");
        continue;
      }
      sb.append('\n');
      for (Check c : checks) {
        sb.append("  ").append(c.scope()).append(": ").append(c.allowed() ? "allow" : "deny").append('\n');
        for (ConsultedRule r : c.consulted()) {
          sb.append(r.decided() ? "  * " : "    ").append(String.format("%-5s %s", action(r), r.ruleId()));
          if (r.source() != null) sb.append("  (").append(r.source()).append(')');
          if (r.implicit()) sb.append("  (implicit)");
          sb.append(r.decided() ? "  <- decided\n" : "  no match\n");
        }
      }
    }
    return sb.toString();
  }

  ObjectNode json(Flow flow, End src, End dst, Decision d) {
    ObjectMapper json = root.codec().json();
    ObjectNode o = json.createObjectNode();
    o.put("decision", d.allowed() ? "allow" : "deny");
    ObjectNode f = o.putObject("flow");
    f.put("protocol", Protocols.name(flow.protocol()));
    f.put("srcPort", flow.srcPort());
    f.put("dstPort", flow.dstPort());
    f.set("from", end(json, src));
    f.set("to", end(json, dst));
    d.deniedBy().ifPresent(c -> {
      ObjectNode by = o.putObject("deniedBy");
      by.put("kind", c.kind().label());
      by.put("rule", c.decidedBy().ruleId());
      by.put("scope", c.scope());
    });
    ArrayNode rules = o.putArray("rules");
    ArrayNode checks = o.putArray("checks");
    for (Check c : d.checks()) {
      ObjectNode cn = checks.addObject();
      cn.put("kind", c.kind().label());
      cn.put("scope", c.scope());
      cn.put("decision", c.allowed() ? "allow" : "deny");
      cn.put("decidedBy", c.decidedBy().ruleId());
      for (ConsultedRule r : c.consulted()) {
        ObjectNode rn = rules.addObject();
        rn.put("kind", r.kind().label());
        rn.put("scope", c.scope());
        rn.put("rule", r.ruleId());
        if (r.source() != null) rn.put("source", r.source());
        rn.put("action", action(r));
        rn.put("implicit", r.implicit());
        rn.put("decided", r.decided());
      }
    }
    ArrayNode na = o.putArray("notApplied");
    for (PolicyKind k : PolicyKind.values()) if (d.notApplied().contains(k)) na.add(k.label());
    return o;
  }

  private static ObjectNode end(ObjectMapper json, End e) {
    ObjectNode n = json.valueToTree(e.endpoint());
    if (e.port() != null) n.put("port", e.port());
    if (e.note() != null) n.put("note", e.note());
    return n;
  }
}
