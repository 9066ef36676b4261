package io.weft.bgp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UPDATE, RFC 4271 §4.3:
 * <pre>
 * | withdrawn routes length (2) | withdrawn IPv4 prefixes | total path attribute length (2) |
 * | path attributes | IPv4 NLRI (to the end of the message) |
 * </pre>
 * Other families travel in {@link MpReachNlri} / {@link MpUnreachNlri} attributes (RFC 4760).
 */
public record Update(List<IpPrefix> withdrawn, List<PathAttribute> attributes, List<IpPrefix> nlri)
    implements BgpMessage {
  public Update {
    withdrawn = List.copyOf(withdrawn);
    attributes = List.copyOf(attributes);
    nlri = List.copyOf(nlri);
  }

  /** The End-of-RIB marker of a family, RFC 4724 §2. */
  public static Update endOfRib(Family family) {
    if (family.equals(Family.IPV4_UNICAST)) return new Update(List.of(), List.of(), List.of());
    return new Update(List.of(), List.of(new MpUnreachNlri(family, List.of())), List.of());
  }

  /** The family whose End-of-RIB this UPDATE is, if it is one. */
  public Optional<Family> endOfRibFamily() {
    if (!withdrawn.isEmpty() || !nlri.isEmpty()) return Optional.empty();
    if (attributes.isEmpty()) return Optional.of(Family.IPV4_UNICAST);
    if (attributes.size() == 1 && attributes.getFirst() instanceof MpUnreachNlri u && u.withdrawn().isEmpty()) {
      return Optional.of(u.family());
    }
    return Optional.empty();
  }

  public <T extends PathAttribute> Optional<T> attribute(Class<T> kind) {
    for (PathAttribute a : attributes) if (kind.isInstance(a)) return Optional.of(kind.cast(a));
    return Optional.empty();
  }

  /** The attributes that describe the path, without the NLRI-carrying MP_REACH/MP_UNREACH. */
  public List<PathAttribute> pathAttributes() {
    return attributes.stream().filter(a -> !(a instanceof MpReachNlri) && !(a instanceof MpUnreachNlri)).toList();
  }

  /** Every withdrawn NLRI of every family. */
  public List<FamilyNlri> allWithdrawn() {
    List<FamilyNlri> out = new ArrayList<>();
    for (IpPrefix p : withdrawn) out.add(new FamilyNlri(Family.IPV4_UNICAST, p));
    for (PathAttribute a : attributes) {
      if (a instanceof MpUnreachNlri u) u.withdrawn().forEach(n -> out.add(new FamilyNlri(u.family(), n)));
    }
    return out;
  }

  /** Every reachable NLRI of every family. */
  public List<FamilyNlri> allReachable() {
    List<FamilyNlri> out = new ArrayList<>();
    for (IpPrefix p : nlri) out.add(new FamilyNlri(Family.IPV4_UNICAST, p));
    for (PathAttribute a : attributes) {
      if (a instanceof MpReachNlri r) r.nlri().forEach(n -> out.add(new FamilyNlri(r.family(), n)));
    }
    return out;
  }

  @Override
  public int type() {
    return UPDATE;
  }
}
