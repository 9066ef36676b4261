package io.weft.model.spec;

import io.weft.model.IpAddresses;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.Spec;
import io.weft.model.TagSyntax;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A host running a vRouter (cluster-wide): its underlay address (next hop of its ports'
 * routes), tags inherited by the ports bound to it, and the encapsulations it offers in
 * order of preference. Its tags are global tags (it belongs to no project).
 */
public record VirtualRouterSpec(String address, List<String> tags, List<Encapsulation> encapsulations) implements Spec {
  public static final List<Encapsulation> DEFAULT_ENCAPSULATIONS =
      List.of(Encapsulation.MPLS_OVER_UDP, Encapsulation.MPLS_OVER_GRE, Encapsulation.VXLAN);

  public VirtualRouterSpec {
    tags = Lists.copy(tags);
    encapsulations = encapsulations == null || encapsulations.isEmpty() ? DEFAULT_ENCAPSULATIONS : Lists.copy(encapsulations);
  }

  @Override
  public void validate(Problems problems) {
    if (problems.require("address", address) && !IpAddresses.isValid(address)) {
      problems.add("address", "'" + address + "' is not an IPv4 or IPv6 address");
    }
    TagSyntax.validateAll(tags, problems.at("tags"));
    Set<Encapsulation> seen = new HashSet<>();
    for (int i = 0; i < encapsulations.size(); i++) {
      Encapsulation e = encapsulations.get(i);
      if (e == null) problems.at("encapsulations").at(i).add("is required");
      else if (!seen.add(e)) problems.at("encapsulations").at(i).add("is listed twice");
    }
  }

  @Override
  public List<Reference> references(String project) {
    return TagSyntax.references(tags, null, "spec.tags");
  }
}
