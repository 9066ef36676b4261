package io.weft.policy;

import io.weft.model.derived.rules.Action;

/**
 * A rule the evaluator looked at, in order. Implicit rules (no user rule matched) have
 * {@code implicit} set and an id naming the behaviour: {@code implicit-deny},
 * {@code same-network}, {@code default-deny-ingress}, {@code default-allow-egress},
 * {@code no-matching-egress-rule}.
 *
 * @param source where the rule comes from: its NetworkPolicy, SecurityGroup or
 *     ApplicationPolicySet/FirewallPolicy; null for implicit rules
 * @param decided whether this rule decided its check (the first match, or the implicit rule)
 */
public record ConsultedRule(PolicyKind kind, String ruleId, String source, Action action, boolean implicit, boolean decided) {

  static ConsultedRule skipped(PolicyKind kind, String ruleId, String source, Action action) {
    return new ConsultedRule(kind, ruleId, source, action, false, false);
  }

  static ConsultedRule deciding(PolicyKind kind, String ruleId, String source, Action action) {
    return new ConsultedRule(kind, ruleId, source, action, false, true);
  }

  static ConsultedRule implicitRule(PolicyKind kind, String ruleId, Action action) {
    return new ConsultedRule(kind, ruleId, null, action, true, true);
  }
}
