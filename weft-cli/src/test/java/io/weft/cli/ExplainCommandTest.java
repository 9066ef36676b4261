package io.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.cli.api.ApiClient;
import io.weft.cli.api.ApiException;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.Write;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.derived.rules.Action;
import io.weft.model.derived.rules.EndpointMatch;
import io.weft.model.derived.rules.FirewallRule;
import io.weft.model.derived.rules.FirewallRules;
import io.weft.model.derived.rules.FirewallService;
import io.weft.model.derived.rules.FlowDirection;
import io.weft.model.derived.rules.NetworkPolicyRules;
import io.weft.model.derived.rules.PortPolicy;
import io.weft.model.derived.rules.PortSpan;
import io.weft.model.derived.rules.Protocols;
import io.weft.model.derived.rules.RuleActions;
import io.weft.model.derived.rules.SecurityGroupRule;
import io.weft.model.derived.rules.SecurityGroupRules;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * weftctl explain against a real config server and SQLite store holding the PortConfigs of
 * the FinancePortal example (SYSTEM.md §2), written as the compiler would write them. One
 * server for the class: explain only reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainCommandTest {
  private static final String NETWORK = "fin/portal";
  private static final FirewallRules PORTAL = new FirewallRules(List.of("fin/FinancePortal"), List.of(
      new FirewallRule("fin/web-to-app", "fin/FinancePortal", "fin/Portal-3-Tier", RuleActions.of(Action.PASS),
          EndpointMatch.tags(List.of("tier=web")), EndpointMatch.tags(List.of("tier=app")), FlowDirection.FORWARD,
          List.of(FirewallService.of(Protocols.TCP, PortSpan.single(8080))), List.of("deployment")),
      new FirewallRule("fin/app-to-db", "fin/FinancePortal", "fin/Portal-3-Tier", RuleActions.of(Action.PASS),
          EndpointMatch.tags(List.of("tier=app")), EndpointMatch.tags(List.of("tier=db")), FlowDirection.FORWARD,
          List.of(FirewallService.of(Protocols.TCP, PortSpan.single(1521)), FirewallService.of(Protocols.TCP, PortSpan.single(1630))),
          List.of("deployment"))));

  private SqliteStore store;
  private ConfigServer server;
  private Cli cli;
  private final ResourceCodec codec = new ResourceCodec();

  @BeforeAll
  void start(@TempDir Path dir) {
    PrometheusRegistry registry = new PrometheusRegistry();
    store = new SqliteStore(dir.resolve("weft.db"), 100_000, registry);
    server = new ConfigServer(store, registry, "127.0.0.1", 0, null).start();
    String url = "http://127.0.0.1:" + server.port();
    cli = new Cli(url);
    ApiClient api = new ApiClient(URI.create(url), null, codec);
    api.create(codec.parse("{apiVersion: weft/v1, kind: Project, metadata: {name: fin}, spec: {}}"));
    for (String deployment : List.of("production", "development")) {
      int base = deployment.equals("production") ? 10 : 20;
      portConfig(api, "web-" + deployment, "10.0.0." + (base + 1), PORTAL, SecurityGroupRules.NONE,
          "application=FinancePortal", "tier=web", "deployment=" + deployment);
      portConfig(api, "app-" + deployment, "10.0.0." + (base + 2), PORTAL, SecurityGroupRules.NONE,
          "application=FinancePortal", "tier=app", "deployment=" + deployment);
      portConfig(api, "db-" + deployment, "10.0.0." + (base + 3), PORTAL, SecurityGroupRules.NONE,
          "application=FinancePortal", "tier=db", "deployment=" + deployment);
    }
    // A port outside the application, guarded by a security group that only admits ssh.
    portConfig(api, "bastion", "10.0.0.99", FirewallRules.NONE, new SecurityGroupRules(List.of("fin/ssh"),
        List.of(new SecurityGroupRule("fin/ssh#in0", "fin/ssh", false, Protocols.TCP, EndpointMatch.cidr("0.0.0.0/0"), List.of(PortSpan.single(22)))),
        List.of()));
  }

  @AfterAll
  void stop() {
    server.close();
    store.close();
  }

  /** Writes a PortConfig through the API, or straight into the store when the API keeps derived kinds to the compiler. */
  private void portConfig(ApiClient api, String name, String address, FirewallRules fw, SecurityGroupRules sg, String... tags) {
    PortPolicy policy = new PortPolicy(new NetworkPolicyRules(NETWORK, List.of()), sg, fw);
    ObjectNode tree = codec.json().createObjectNode();
    tree.put("apiVersion", "weft/v1").put("kind", "PortConfig");
    tree.putObject("metadata").put("name", name).put("project", "fin");
    ObjectNode spec = tree.putObject("spec");
    spec.put("port", "fin/" + name);
    spec.putArray("addresses").addObject().put("network", NETWORK).put("address", address).put("prefixLength", 24);
    ArrayNode t = spec.putArray("tags");
    for (String tag : tags) t.add(tag);
    ArrayNode groups = spec.putArray("securityGroups");
    sg.groups().forEach(groups::add);
    spec.set("policy", codec.json().valueToTree(policy));
    Resource r = codec.fromTree(tree);
    try {
      api.create(r);
    } catch (ApiException e) {
      Resource stored = r.withMetadata(r.metadata().withUid(UUID.randomUUID().toString()));
      store.commit(List.of(new Write.Create(stored.key(), codec.toJson(stored), Set.of())));
    }
  }

  private JsonNode explainJson(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "explain";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "-o";
    all[args.length + 2] = "json";
    Cli.Result r = cli.run(all);
    assertThat(r.code()).as(r.toString()).isZero();
    return codec.json().readTree(r.out());
  }

  @ParameterizedTest(name = "{0} -> {1} {2}/{3}: {4}")
  @CsvSource({
      "fin/web-production, fin/app-production, tcp, 8080, allow, ",
      "fin/app-production, fin/db-production, tcp, 1521, allow, ",
      "fin/app-production, fin/db-production, tcp, 1630, allow, ",
      "fin/web-development, fin/app-development, tcp, 8080, allow, ",
      "fin/web-production, fin/db-production, tcp, 1521, deny, implicit-deny",
      "fin/app-production, fin/db-production, tcp, 22, deny, implicit-deny",
      "fin/web-production, fin/app-development, tcp, 8080, deny, implicit-deny",
      "10.0.0.12, 10.0.0.13, tcp, 1521, allow, ",
      "10.0.0.11, 10.0.0.23, tcp, 1521, deny, implicit-deny",
  })
  void financePortal(String from, String to, String proto, int port, String decision, String denyingRule) throws Exception {
    JsonNode out = explainJson("--from", from, "--to", to, "--proto", proto, "--port", Integer.toString(port));

    assertThat(out.path("decision").asText()).as(out.toPrettyString()).isEqualTo(decision);
    List<JsonNode> rules = StreamSupport.stream(out.path("rules").spliterator(), false).toList();
    assertThat(rules).isNotEmpty().allSatisfy(r -> {
      assertThat(r.has("kind")).isTrue();
      assertThat(r.has("rule")).isTrue();
      assertThat(r.has("action")).isTrue();
      assertThat(r.has("decided")).isTrue();
    });
    List<JsonNode> firewallDeciding = rules.stream().filter(r -> r.path("kind").asText().equals("firewall") && r.path("decided").asBoolean()).toList();
    assertThat(firewallDeciding).isNotEmpty();
    if (denyingRule != null) {
      assertThat(out.path("deniedBy").path("kind").asText()).isEqualTo("firewall");
      assertThat(out.path("deniedBy").path("rule").asText()).isEqualTo(denyingRule);
    } else {
      assertThat(firewallDeciding).allSatisfy(r -> assertThat(r.path("action").asText()).isEqualTo("pass"));
    }
  }

  @Test
  void textNamesEveryKindAndMarksTheDecidingRule() {
    Cli.Result r = cli.run("explain", "--from", "fin/web-production", "--to", "fin/app-production", "--proto", "tcp", "--port", "8080");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Decision:  ALLOW", "networkPolicy:", "same-network", "securityGroup: does not apply",
        "firewall:", "fin/web-to-app", "<- decided");
  }

  @Test
  void securityGroupDenialIsNamedWithItsKind() throws Exception {
    JsonNode out = explainJson("--from", "fin/web-production", "--to", "fin/bastion", "--proto", "tcp", "--port", "80");

    assertThat(out.path("decision").asText()).isEqualTo("deny");
    assertThat(out.path("deniedBy").path("kind").asText()).as(out.toPrettyString()).isEqualTo("securityGroup");
    assertThat(out.path("deniedBy").path("rule").asText()).isEqualTo("default-deny-ingress");
  }

  @Test
  void bareNamesUseTheProject() {
    Cli.Result r = cli.run("explain", "-n", "fin", "--from", "bastion", "--to", "web-production", "--proto", "icmp");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Decision:  DENY by firewall rule implicit-deny");
  }

  @Test
  void anAddressNoPortHoldsIsAnExternalEnd() throws Exception {
    JsonNode out = explainJson("--from", "fin/bastion", "--to", "192.0.2.7", "--proto", "udp", "--port", "53");

    assertThat(out.path("decision").asText()).as(out.toPrettyString()).isEqualTo("deny");
    assertThat(out.path("deniedBy").path("kind").asText()).isEqualTo("networkPolicy");
  }

  @Test
  void unknownPortIsAnError() {
    Cli.Result r = cli.run("explain", "--from", "fin/nope", "--to", "fin/bastion", "--proto", "tcp", "--port", "22");

    assertThat(r.code()).as(r.toString()).isEqualTo(Weftctl.EXIT_ERROR);
    assertThat(r.err()).contains("portconfig fin/nope not found");
  }

  @Test
  void badProtocolIsAUsageError() {
    Cli.Result r = cli.run("explain", "--from", "fin/bastion", "--to", "fin/bastion", "--proto", "tcpx");

    assertThat(r.code()).as(r.toString()).isEqualTo(Weftctl.EXIT_USAGE);
    assertThat(r.err()).contains("--proto");
  }
}
