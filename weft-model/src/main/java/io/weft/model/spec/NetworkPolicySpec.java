package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.Spec;
import java.util.ArrayList;
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
    for (int i = 0; i < rules.size(); i++) {
      PolicyRule rule = rules.get(i);
      if (rule == null) problems.at("rules").at(i).add("is required");
      else rule.validate(problems.at("rules").at(i));
    }
  }

  /** Rule addresses are match conditions, not requirements: see {@link Spec#weakReferences(String)}. */
  @Override
  public List<Reference> weakReferences(String project) {
    List<Reference> refs = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) != null) rules.get(i).addReferences(refs, project, "spec.rules[" + i + "]");
    }
    return refs;
  }
}
