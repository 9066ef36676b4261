package io.weft.policy;

import io.weft.model.derived.rules.Action;
import io.weft.model.derived.rules.Endpoint;
import io.weft.model.derived.rules.Flow;
import io.weft.model.derived.rules.SecurityGroupRule;
import io.weft.model.derived.rules.SecurityGroupRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Security groups: egress rules of the source port, ingress rules of the destination port.
 * Rules only allow; see {@link SecurityGroupRules} for the defaults.
 */
final class SecurityGroupEvaluation {
  static final String DEFAULT_DENY_INGRESS = "default-deny-ingress";
  static final String DEFAULT_ALLOW_EGRESS = "default-allow-egress";
  static final String NO_MATCHING_EGRESS = "no-matching-egress-rule";

  private SecurityGroupEvaluation() {}

  static Check egress(SecurityGroupRules sg, Flow flow) {
    if (sg.egress().isEmpty()) {
      return new Check(PolicyKind.SECURITY_GROUP, "source port egress", true,
          List.of(ConsultedRule.implicitRule(PolicyKind.SECURITY_GROUP, DEFAULT_ALLOW_EGRESS, Action.PASS)));
    }
    return first(sg.egress(), flow, flow.dst(), "source port egress", NO_MATCHING_EGRESS);
  }

  static Check ingress(SecurityGroupRules sg, Flow flow) {
    return first(sg.ingress(), flow, flow.src(), "destination port ingress", DEFAULT_DENY_INGRESS);
  }

  private static Check first(List<SecurityGroupRule> rules, Flow flow, Endpoint remote, String scope, String otherwise) {
    List<ConsultedRule> consulted = new ArrayList<>();
    boolean ipv6 = Matching.isIpv6(remote);
    for (SecurityGroupRule r : rules) {
      boolean match = r.ipv6() == ipv6
          && Matching.protocol(r.protocol(), flow.protocol())
          && Matching.endpoint(r.remote(), remote)
          && Matching.ports(r.ports(), flow.dstPort());
      if (match) {
        consulted.add(ConsultedRule.deciding(PolicyKind.SECURITY_GROUP, r.id(), r.securityGroup(), Action.PASS));
        return new Check(PolicyKind.SECURITY_GROUP, scope, true, consulted);
      }
      consulted.add(ConsultedRule.skipped(PolicyKind.SECURITY_GROUP, r.id(), r.securityGroup(), Action.PASS));
    }
    consulted.add(ConsultedRule.implicitRule(PolicyKind.SECURITY_GROUP, otherwise, Action.DENY));
    return new Check(PolicyKind.SECURITY_GROUP, scope, false, consulted);
  }
}
