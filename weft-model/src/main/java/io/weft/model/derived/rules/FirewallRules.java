package io.weft.model.derived.rules;

import java.util.List;

/**
 * The firewall (tag-based) rules that apply to one port: the ApplicationPolicySets bound to
 * the port's application tag and the global ones, their FirewallPolicies in sequence order
 * and each policy's rules in sequence order, flattened into one ordered list. The first
 * matching rule decides; when none matches the flow is denied. No policy set applying
 * ({@code policySets} empty) means this kind does not filter the port.
 *
 * @param policySets the sets applied, in evaluation order ({@code project/name})
 */
public record FirewallRules(List<String> policySets, List<FirewallRule> rules) {
  public static final FirewallRules NONE = new FirewallRules(List.of(), List.of());

  public FirewallRules {
    policySets = policySets == null ? List.of() : List.copyOf(policySets);
    rules = rules == null ? List.of() : List.copyOf(rules);
  }
}
