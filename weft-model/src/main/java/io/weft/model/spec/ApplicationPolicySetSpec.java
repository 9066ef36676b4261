package io.weft.model.spec;

import io.weft.model.Kind;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import io.weft.model.Spec;
import io.weft.model.TagSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds ordered firewall policies to the workloads of one application (an
 * {@code application=...} tag) or, with {@code global: true}, to every workload.
 * Exactly one of {@code applicationTag} and {@code global} is given.
 */
public record ApplicationPolicySetSpec(String applicationTag, boolean global, List<String> firewallPolicies) implements Spec {
  public static final String APPLICATION_TYPE = "application";

  public ApplicationPolicySetSpec {
    firewallPolicies = Lists.copy(firewallPolicies);
  }

  @Override
  public void validate(Problems problems) {
    if (Lists.present(applicationTag, global) != 1) {
      problems.add("applicationTag", "exactly one of applicationTag, global: true is required");
    } else if (applicationTag != null) {
      String problem = TagSyntax.problem(applicationTag);
      if (problem != null) problems.add("applicationTag", problem);
      else if (!TagSyntax.type(applicationTag).equals(APPLICATION_TYPE)) {
        problems.add("applicationTag", "'" + applicationTag + "' is not an application tag: expected application=<name>");
      }
    }
    ReferenceSyntax.checkAll(Kind.FIREWALL_POLICY, firewallPolicies, problems.at("firewallPolicies"));
  }

  @Override
  public List<Reference> references(String project) {
    List<Reference> refs = new ArrayList<>();
    if (applicationTag != null && TagSyntax.problem(applicationTag) == null) {
      refs.add(ReferenceSyntax.resolve(Kind.TAG, project, applicationTag, "spec.applicationTag"));
    }
    ReferenceSyntax.addAll(refs, Kind.FIREWALL_POLICY, project, firewallPolicies, "spec.firewallPolicies");
    return refs;
  }
}
