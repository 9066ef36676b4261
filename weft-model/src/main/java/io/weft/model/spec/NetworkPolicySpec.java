package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.Spec;
import java.util.List;

/**
 * A policy attached to networks (their {@code spec.networkPolicies}): ordered rules, the
 * first match decides. A rule that passes traffic between two networks also leaks their
 * routes into each other's routing instances (SYSTEM.md §2).
 */
public record NetworkPolicySpec(List<PolicyRule> rules) implements Spec {
  public NetworkPolicySpec {
    rules = Lists.copy(rules);
  }

  @Override
  public void validate(Problems problems) {
    RuleList.validate(rules, problems);
  }

  /** Rule addresses are match conditions, not requirements: see {@link Spec#weakReferences(String)}. */
  @Override
  public List<Reference> weakReferences(String project) {
    return RuleList.weakReferences(rules, project);
  }
}
