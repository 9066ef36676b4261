package io.weft.bgp.peer;

import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.Nlri;
import io.weft.bgp.wire.PathAttribute;
import io.weft.bgp.wire.RouteTarget;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A route as it goes to or comes from a peer: the NLRI of a family, its next hop and its
 * path attributes (without NEXT_HOP, MP_REACH_NLRI and MP_UNREACH_NLRI, which the speaker
 * writes from {@code family} and {@code nextHop}). The attributes are an interned
 * {@link PathAttributes}: routes with equal attributes share one list.
 */
public record Route(Family family, Nlri nlri, InetAddress nextHop, List<PathAttribute> attributes) {
  public Route {
    attributes = PathAttributes.of(attributes);
  }

  public FamilyNlri key() {
    return new FamilyNlri(family, nlri);
  }

  public <T extends PathAttribute> Optional<T> attribute(Class<T> kind) {
    for (PathAttribute a : attributes) if (kind.isInstance(a)) return Optional.of(kind.cast(a)); // once per route: no stream
    return Optional.empty();
  }

  public List<RouteTarget> routeTargets() {
    return attribute(ExtendedCommunities.class).map(ExtendedCommunities::routeTargets).orElse(List.of());
  }
}
