package io.weft.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.weft.model.derived.rules.Action;
import io.weft.model.derived.rules.Endpoint;
import io.weft.model.derived.rules.FirewallRules;
import io.weft.model.derived.rules.Flow;
import io.weft.model.derived.rules.NetworkPolicyRule;
import io.weft.model.derived.rules.NetworkPolicyRules;
import io.weft.model.derived.rules.PortPolicy;
import io.weft.model.derived.rules.Protocols;
import io.weft.model.derived.rules.SecurityGroupRule;
import io.weft.model.derived.rules.SecurityGroupRules;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases of {@code policy-cases.yaml}: each policy kind alone, FinancePortal, combinations. */
class PolicyEvaluatorTest {
  private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  record Cases(List<Suite> suites) {}

  record Suite(String name, Map<String, NetworkDef> networks, Map<String, GroupDef> securityGroups,
      Map<String, FirewallRules> firewall, Map<String, PortDef> ports, List<Case> cases) {}

  record NetworkDef(List<NetworkPolicyRule> rules, Action finalAction) {}

  record GroupDef(List<SecurityGroupRule> ingress, List<SecurityGroupRule> egress) {}

  record PortDef(String address, String network, List<String> tags, List<String> securityGroups, String firewall) {}

  record Case(String name, String from, String to, String proto, Integer port, Integer srcPort, boolean allow,
      String kind, String rule, List<String> applied) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() throws IOException {
    Cases all;
    try (InputStream in = PolicyEvaluatorTest.class.getResourceAsStream("/policy-cases.yaml")) {
      all = YAML.readValue(in, Cases.class);
    }
    return all.suites().stream().flatMap(s -> s.cases().stream().map(c -> Arguments.of(s.name(), c, s)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void decides(String suiteName, Case c, Suite suite) {
    Endpoint src = endpoint(suite, c.from());
    Endpoint dst = endpoint(suite, c.to());
    int protocol = Protocols.parse(c.proto());
    Flow flow = new Flow(src, dst, protocol, c.srcPort() == null ? (Protocols.hasPorts(protocol) ? 40000 : 0) : c.srcPort(),
        c.port() == null ? 0 : c.port());

    Decision d = evaluator.evaluate(flow, policy(suite, c.from()), policy(suite, c.to()));

    assertThat(d.allowed()).as("allowed, checks: %s", d.checks()).isEqualTo(c.allow());
    if (!c.allow()) {
      Check denied = d.deniedBy().orElseThrow();
      assertThat(denied.kind().label()).as("denying kind, checks: %s", d.checks()).isEqualTo(c.kind());
      assertThat(denied.decidedBy().ruleId()).as("deciding rule, checks: %s", d.checks()).isEqualTo(c.rule());
    } else {
      assertThat(d.deniedBy()).isEmpty();
    }
    if (c.applied() != null) {
      assertThat(d.applied().stream().map(PolicyKind::label)).containsExactlyInAnyOrderElementsOf(c.applied());
    }
    // Every check ends with exactly one deciding rule; everything before it was passed over.
    for (Check check : d.checks()) {
      assertThat(check.consulted().stream().filter(ConsultedRule::decided)).hasSize(1);
    }
  }

  private static Endpoint endpoint(Suite s, String name) {
    PortDef p = s.ports().get(name);
    if (p == null) return new Endpoint(name, null, List.of(), List.of());
    return new Endpoint(p.address(), p.network(), p.tags(), p.securityGroups());
  }

  /** What the compiler would put in the port's PortConfig; null for a bare address. */
  private static PortPolicy policy(Suite s, String name) {
    PortDef p = s.ports().get(name);
    if (p == null) return null;
    NetworkDef net = s.networks() == null ? null : s.networks().get(p.network());
    NetworkPolicyRules np = net == null ? new NetworkPolicyRules(p.network(), List.of())
        : new NetworkPolicyRules(p.network(), net.rules(), net.finalAction());
    List<String> groups = p.securityGroups() == null ? List.of() : p.securityGroups();
    List<SecurityGroupRule> ingress = new ArrayList<>();
    List<SecurityGroupRule> egress = new ArrayList<>();
    for (String g : groups) {
      GroupDef def = s.securityGroups().get(g);
      if (def.ingress() != null) ingress.addAll(def.ingress());
      if (def.egress() != null) egress.addAll(def.egress());
    }
    FirewallRules fw = p.firewall() == null ? FirewallRules.NONE : s.firewall().get(p.firewall());
    return new PortPolicy(np, new SecurityGroupRules(groups, ingress, egress), fw);
  }
}
