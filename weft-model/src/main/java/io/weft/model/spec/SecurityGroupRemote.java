package io.weft.model.spec;

import io.weft.model.Cidr;
import io.weft.model.Kind;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import java.util.List;

/**
 * The far end of a security group rule: exactly one of a CIDR or the ports of a security
 * group ({@code local} = the group the rule belongs to).
 */
public record SecurityGroupRemote(String cidr, String securityGroup) {
  public static final String LOCAL = "local";

  /** The parsed CIDR, or null when the remote is a security group or the CIDR is invalid. */
  Cidr parsedCidr() {
    try {
      return cidr == null ? null : Cidr.parse(cidr);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  void validate(Problems p) {
    if (Lists.present(cidr, securityGroup) != 1) {
      p.add("exactly one of cidr, securityGroup is required");
      return;
    }
    if (cidr != null) {
      try {
        Cidr.parse(cidr);
      } catch (IllegalArgumentException e) {
        p.add("cidr", e.getMessage());
      }
    }
    if (securityGroup != null && !securityGroup.equals(LOCAL)) {
      ReferenceSyntax.check(Kind.SECURITY_GROUP, securityGroup, p.at("securityGroup"));
    }
  }

  void addReferences(List<Reference> out, String project, String field) {
    // "local" is the holder itself: not a reference, so it never blocks its own deletion.
    if (securityGroup != null && !securityGroup.equals(LOCAL)) {
      ReferenceSyntax.add(out, Kind.SECURITY_GROUP, project, securityGroup, field + ".securityGroup");
    }
  }
}
