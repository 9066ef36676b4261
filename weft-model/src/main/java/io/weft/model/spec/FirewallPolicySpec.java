package io.weft.model.spec;

import io.weft.model.Kind;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import io.weft.model.Spec;
import java.util.ArrayList;
import java.util.List;

/** An ordered list of firewall rules; the first rule that matches a flow decides. */
public record FirewallPolicySpec(List<String> rules) implements Spec {
  public FirewallPolicySpec {
    rules = Lists.copy(rules);
  }

  @Override
  public void validate(Problems problems) {
    ReferenceSyntax.checkAll(Kind.FIREWALL_RULE, rules, problems.at("rules"));
  }

  @Override
  public List<Reference> references(String project) {
    List<Reference> refs = new ArrayList<>();
    ReferenceSyntax.addAll(refs, Kind.FIREWALL_RULE, project, rules, "spec.rules");
    return refs;
  }
}
