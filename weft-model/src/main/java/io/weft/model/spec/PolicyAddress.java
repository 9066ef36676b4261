package io.weft.model.spec;

import io.weft.model.Cidr;
import io.weft.model.Kind;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import java.util.List;

/**
 * One end of a network policy rule: exactly one of a network (a name, {@code any}, or
 * {@code local} for the network the policy is attached to), a CIDR, or a security group.
 */
public record PolicyAddress(String network, String cidr, String securityGroup) {
  public static final String ANY = "any";
  public static final String LOCAL = "local";

  public static PolicyAddress ofNetwork(String network) {
    return new PolicyAddress(network, null, null);
  }

  /** Whether {@code network} names a VirtualNetwork rather than {@code any} or {@code local}. */
  public boolean namesNetwork() {
    return network != null && !network.equals(ANY) && !network.equals(LOCAL);
  }

  void validate(Problems p) {
    if (Lists.present(network, cidr, securityGroup) != 1) {
      p.add("exactly one of network, cidr, securityGroup is required");
      return;
    }
    if (namesNetwork()) ReferenceSyntax.check(Kind.VIRTUAL_NETWORK, network, p.at("network"));
    if (cidr != null) {
      try {
        Cidr.parse(cidr);
      } catch (IllegalArgumentException e) {
        p.add("cidr", e.getMessage());
      }
    }
    ReferenceSyntax.check(Kind.SECURITY_GROUP, securityGroup, p.at("securityGroup"));
  }

  void addReferences(List<Reference> out, String project, String field) {
    if (namesNetwork()) ReferenceSyntax.add(out, Kind.VIRTUAL_NETWORK, project, network, field + ".network");
    ReferenceSyntax.add(out, Kind.SECURITY_GROUP, project, securityGroup, field + ".securityGroup");
  }
}
