package io.weft.model.derived.rules;

/**
 * Everything policy needs about one port, compiled: its network's rule list, its security
 * group rules and its firewall rules. The compiler stores this in the port's PortConfig;
 * the evaluator decides a flow from the source port's and the destination port's.
 *
 * @param networkPolicy the rules of the port's network; never null
 */
public record PortPolicy(NetworkPolicyRules networkPolicy, SecurityGroupRules securityGroups, FirewallRules firewall) {
  public PortPolicy {
    if (networkPolicy == null) throw new IllegalArgumentException("networkPolicy is required");
    if (securityGroups == null) securityGroups = SecurityGroupRules.NONE;
    if (firewall == null) firewall = FirewallRules.NONE;
  }
}
