package io.weft.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdict for a flow in its initiating direction. {@code checks} lists every rule list
 * applied, in evaluation order; the flow is allowed only when all of them allow it. Kinds
 * that did not apply (a port without security groups, no policy set applying) have no
 * check and are named in {@code notApplied}.
 *
 * <p>Stateful: this decision covers the initiating direction only. The forwarder installs
 * the reverse flow together with an allowed forward flow, so replies are not evaluated again.
 */
public record Decision(boolean allowed, List<Check> checks, Set<PolicyKind> notApplied) {
  public Decision {
    checks = List.copyOf(checks);
    notApplied = Set.copyOf(notApplied);
  }

  static Decision of(List<Check> checks, Set<PolicyKind> applied) {
    Set<PolicyKind> notApplied = java.util.EnumSet.allOf(PolicyKind.class);
    notApplied.removeAll(applied);
    return new Decision(checks.stream().allMatch(Check::allowed), checks, notApplied);
  }

  /** The first check that denied the flow, if any: its kind and deciding rule name the cause. */
  public Optional<Check> deniedBy() {
    return checks.stream().filter(c -> !c.allowed()).findFirst();
  }

  /** Every rule consulted, check after check. */
  public List<ConsultedRule> consulted() {
    return checks.stream().flatMap(c -> c.consulted().stream()).toList();
  }

  /** The kinds that had a say. */
  public Set<PolicyKind> applied() {
    return checks.stream().map(Check::kind).collect(Collectors.toUnmodifiableSet());
  }
}
