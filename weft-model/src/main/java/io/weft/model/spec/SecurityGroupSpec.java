package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * Stateful allow rules for the ports that list this group (SYSTEM.md §2). Defaults, which
 * the compiler applies and these rules never spell out: ingress that no rule allows is
 * denied; egress is allowed. Replies to an allowed flow always pass.
 */
public record SecurityGroupSpec(List<SecurityGroupRule> rules) implements Spec {
  public SecurityGroupSpec {
    rules = Lists.copy(rules);
  }

  @Override
  public void validate(Problems problems) {
    for (int i = 0; i < rules.size(); i++) {
      SecurityGroupRule rule = rules.get(i);
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
