package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.Spec;
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
    RuleList.validate(rules, problems);
  }

  /** Rule addresses are match conditions, not requirements: see {@link Spec#weakReferences(String)}. */
  @Override
  public List<Reference> weakReferences(String project) {
    return RuleList.weakReferences(rules, project);
  }
}
