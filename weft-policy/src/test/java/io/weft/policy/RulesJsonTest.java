package io.weft.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.model.ResourceCodec;
import io.weft.model.derived.rules.Action;
import io.weft.model.derived.rules.Endpoint;
import io.weft.model.derived.rules.EndpointMatch;
import io.weft.model.derived.rules.FirewallRule;
import io.weft.model.derived.rules.FirewallRules;
import io.weft.model.derived.rules.FirewallService;
import io.weft.model.derived.rules.Flow;
import io.weft.model.derived.rules.FlowDirection;
import io.weft.model.derived.rules.NetworkPolicyRule;
import io.weft.model.derived.rules.NetworkPolicyRules;
import io.weft.model.derived.rules.PortPolicy;
import io.weft.model.derived.rules.PortSpan;
import io.weft.model.derived.rules.Protocols;
import io.weft.model.derived.rules.RuleActions;
import io.weft.model.derived.rules.SecurityGroupRule;
import io.weft.model.derived.rules.SecurityGroupRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compiled rules are stored as JSON inside PortConfig: they must round-trip through the strict codec. */
class RulesJsonTest {
  private final ObjectMapper json = new ResourceCodec().json();

  @Test
  void portPolicyRoundTrips() throws Exception {
    PortPolicy policy = new PortPolicy(
        new NetworkPolicyRules("fin/red", List.of(new NetworkPolicyRule("fin/p#0", "fin/p",
            new RuleActions(Action.PASS, true, "fin/analyzer", List.of("fin/fw-si")), Protocols.TCP,
            List.of(EndpointMatch.network("fin/red")), List.of(),
            List.of(EndpointMatch.cidr("10.2.0.0/16"), EndpointMatch.securityGroup("fin/web")),
            List.of(PortSpan.single(80), new PortSpan(8000, 8080), PortSpan.ANY), FlowDirection.BOTH))),
        new SecurityGroupRules(List.of("fin/web"),
            List.of(new SecurityGroupRule("fin/web#in0", "fin/web", false, Protocols.ANY, EndpointMatch.securityGroup("fin/web"), List.of())),
            List.of(new SecurityGroupRule("fin/web#out0", "fin/web", true, Protocols.UDP, EndpointMatch.cidr("::/0"), List.of(PortSpan.single(53))))),
        new FirewallRules(List.of("fin/FinancePortal"), List.of(new FirewallRule("fin/web-to-app", "fin/FinancePortal", "fin/Portal-3-Tier",
            RuleActions.of(Action.PASS), EndpointMatch.tags(List.of("tier=web")), EndpointMatch.addressGroup("fin/ag", List.of("10.0.0.0/8")),
            FlowDirection.REVERSE, List.of(FirewallService.of(Protocols.TCP, PortSpan.single(8080))), List.of("deployment")))));

    String text = json.writeValueAsString(policy);
    assertThat(json.readValue(text, PortPolicy.class)).isEqualTo(policy);
    assertThat(text).contains("\"direction\":\"<>\"", "\"dstPorts\":[80,\"8000-8080\",\"any\"]", "\"action\":\"pass\"");
  }

  @Test
  void flowRoundTrips() throws Exception {
    Flow flow = new Flow(new Endpoint("10.0.0.1", "fin/red", List.of("tier=web"), List.of("fin/web")),
        new Endpoint("10.0.0.2", "fin/red", List.of(), List.of()), Protocols.TCP, 40000, 8080);
    assertThat(json.readValue(json.writeValueAsString(flow), Flow.class)).isEqualTo(flow);
  }
}
