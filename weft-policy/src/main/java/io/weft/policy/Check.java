package io.weft.policy;

import java.util.List;

/**
 * One list of rules applied to a flow: a network's network-policy list, a port's security
 * group ingress or egress rules, or a port's firewall rules. {@code consulted} holds every
 * rule looked at in order; its last entry decided ({@link #decidedBy()}).
 *
 * @param scope what was checked, e.g. {@code network finance/red}, {@code source port egress}
 */
public record Check(PolicyKind kind, String scope, boolean allowed, List<ConsultedRule> consulted) {
  public Check {
    consulted = List.copyOf(consulted);
    if (consulted.isEmpty() || !consulted.getLast().decided()) {
      throw new IllegalArgumentException("a check ends with the rule that decided it");
    }
  }

  public ConsultedRule decidedBy() {
    return consulted.getLast();
  }
}
