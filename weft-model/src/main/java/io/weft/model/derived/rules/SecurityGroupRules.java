package io.weft.model.derived.rules;

import java.util.List;

/**
 * The security group rules of one port: the union of its groups' rules, split by direction.
 *
 * <p>Behaviour (SYSTEM.md §2): a port with no groups is not filtered by this kind. A port
 * with groups allows ingress only when an ingress rule matches (default deny ingress);
 * egress is allowed when an egress rule matches, or when its groups have no egress rule at
 * all (default allow egress). All rules are stateful.
 *
 * @param groups the port's security groups, {@code project/name}
 */
public record SecurityGroupRules(List<String> groups, List<SecurityGroupRule> ingress, List<SecurityGroupRule> egress) {
  public static final SecurityGroupRules NONE = new SecurityGroupRules(List.of(), List.of(), List.of());

  public SecurityGroupRules {
    groups = groups == null ? List.of() : List.copyOf(groups);
    ingress = ingress == null ? List.of() : List.copyOf(ingress);
    egress = egress == null ? List.of() : List.copyOf(egress);
  }
}
