package io.weft.model.derived.rules;

import java.util.List;

/**
 * One FirewallRule in the ordered list of a port's applicable policy sets.
 *
 * <p>{@code direction} {@code >} matches flows from endpoint1 to endpoint2, {@code <} from
 * endpoint2 to endpoint1, {@code <>} either; the services' ports are always those of the
 * flow as initiated. {@code matchTags} are tag types (e.g. {@code deployment}) whose values
 * both ends of the flow must carry and share.
 *
 * @param id stable rule id, e.g. {@code finance/web-to-app} (project/name) or the rule's uid
 * @param policySet the ApplicationPolicySet it was reached through ({@code project/name})
 * @param policy the FirewallPolicy it belongs to ({@code project/name})
 * @param services any of these (ServiceGroups expanded); empty = any service
 */
public record FirewallRule(
    String id,
    String policySet,
    String policy,
    RuleActions actions,
    EndpointMatch endpoint1,
    EndpointMatch endpoint2,
    FlowDirection direction,
    List<FirewallService> services,
    List<String> matchTags) {

  public FirewallRule {
    if (id == null) throw new IllegalArgumentException("rule id is required");
    if (actions == null) throw new IllegalArgumentException("actions are required");
    if (endpoint1 == null) endpoint1 = EndpointMatch.ANY;
    if (endpoint2 == null) endpoint2 = EndpointMatch.ANY;
    if (direction == null) direction = FlowDirection.BOTH;
    services = services == null ? List.of() : List.copyOf(services);
    matchTags = matchTags == null ? List.of() : List.copyOf(matchTags);
  }
}
