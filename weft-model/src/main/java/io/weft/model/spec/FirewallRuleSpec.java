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
 * A rule of tag-based application policy (SYSTEM.md §2): flows between {@code endpoint1}
 * and {@code endpoint2} in {@code direction}, for a {@code service} or a
 * {@code serviceGroup} (neither = any), get {@code action}. {@code matchTags} lists tag
 * types (e.g. deployment, site) whose values both ends must share, which keeps a
 * production stack from reaching a development one with the same rule.
 * Defaults: direction {@code <>}.
 */
public record FirewallRuleSpec(
    PolicyAction action,
    boolean log,
    Direction direction,
    Service service,
    String serviceGroup,
    Endpoint endpoint1,
    Endpoint endpoint2,
    List<String> matchTags)
    implements Spec {

  public FirewallRuleSpec {
    direction = direction == null ? Direction.BOTH : direction;
    matchTags = Lists.copy(matchTags);
  }

  @Override
  public void validate(Problems problems) {
    problems.require("action", action);
    if (service != null && serviceGroup != null) problems.add("service", "give service or serviceGroup, not both");
    if (service != null) service.validate(problems.at("service"));
    ReferenceSyntax.check(Kind.SERVICE_GROUP, serviceGroup, problems.at("serviceGroup"));
    if (problems.require("endpoint1", endpoint1)) endpoint1.validate(problems.at("endpoint1"));
    if (problems.require("endpoint2", endpoint2)) endpoint2.validate(problems.at("endpoint2"));
    for (int i = 0; i < matchTags.size(); i++) {
      String problem = TagSyntax.typeProblem(matchTags.get(i));
      if (problem != null) problems.at("matchTags").at(i).add(problem);
    }
  }

  @Override
  public List<Reference> references(String project) {
    List<Reference> refs = new ArrayList<>();
    ReferenceSyntax.add(refs, Kind.SERVICE_GROUP, project, serviceGroup, "spec.serviceGroup");
    if (endpoint1 != null) endpoint1.addReferences(refs, project, "spec.endpoint1");
    if (endpoint2 != null) endpoint2.addReferences(refs, project, "spec.endpoint2");
    return refs;
  }
}
