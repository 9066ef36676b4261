package io.weft.bgp.wire;

import java.util.List;

/** EXTENDED_COMMUNITIES, RFC 4360 §2: optional transitive list of 8-octet communities. */
public record ExtendedCommunities(List<ExtendedCommunity> communities) implements PathAttribute {
  public ExtendedCommunities {
    communities = List.copyOf(communities);
  }

  public List<RouteTarget> routeTargets() {
    return communities.stream().filter(RouteTarget.class::isInstance).map(RouteTarget.class::cast).toList();
  }

  @Override
  public int typeCode() {
    return EXTENDED_COMMUNITIES;
  }
}
