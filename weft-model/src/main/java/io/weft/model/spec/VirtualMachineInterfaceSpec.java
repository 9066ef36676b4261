package io.weft.model.spec;

import io.weft.model.IpAddresses;
import io.weft.model.Kind;
import io.weft.model.MacAddresses;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import io.weft.model.Spec;
import io.weft.model.TagSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * A port (SYSTEM.md §1): an interface of a VM, pod or server on one network. The MAC is
 * generated when absent; {@code fixedIps} asks for specific addresses, otherwise the
 * compiler allocates one per subnet family through an InstanceIp. {@code virtualRouter}
 * names the host the port is bound to. With {@code policyDisabled} the vRouter skips flow
 * processing for the port (the stateless fast path): no policy, security group or
 * firewall rule applies to it.
 */
public record VirtualMachineInterfaceSpec(
    String network,
    String mac,
    List<String> fixedIps,
    List<String> securityGroups,
    List<String> tags,
    List<AllowedAddressPair> allowedAddressPairs,
    boolean policyDisabled,
    String virtualRouter)
    implements Spec {

  public VirtualMachineInterfaceSpec {
    fixedIps = Lists.copy(fixedIps);
    securityGroups = Lists.copy(securityGroups);
    tags = Lists.copy(tags);
    allowedAddressPairs = Lists.copy(allowedAddressPairs);
  }

  @Override
  public void validate(Problems problems) {
    if (problems.require("network", network)) ReferenceSyntax.check(Kind.VIRTUAL_NETWORK, network, problems.at("network"));
    if (mac != null) {
      String problem = MacAddresses.problem(mac);
      if (problem != null) problems.add("mac", problem);
    }
    for (int i = 0; i < fixedIps.size(); i++) {
      String ip = fixedIps.get(i);
      if (ip == null) problems.at("fixedIps").at(i).add("is required");
      else if (!IpAddresses.isValid(ip)) problems.at("fixedIps").at(i).add("'" + ip + "' is not an IPv4 or IPv6 address");
    }
    ReferenceSyntax.checkAll(Kind.SECURITY_GROUP, securityGroups, problems.at("securityGroups"));
    TagSyntax.validateAll(tags, problems.at("tags"));
    for (int i = 0; i < allowedAddressPairs.size(); i++) {
      AllowedAddressPair pair = allowedAddressPairs.get(i);
      if (pair == null) problems.at("allowedAddressPairs").at(i).add("is required");
      else pair.validate(problems.at("allowedAddressPairs").at(i));
    }
    ReferenceSyntax.check(Kind.VIRTUAL_ROUTER, virtualRouter, problems.at("virtualRouter"));
  }

  @Override
  public List<Reference> references(String project) {
    List<Reference> refs = new ArrayList<>();
    ReferenceSyntax.add(refs, Kind.VIRTUAL_NETWORK, project, network, "spec.network");
    ReferenceSyntax.addAll(refs, Kind.SECURITY_GROUP, project, securityGroups, "spec.securityGroups");
    refs.addAll(TagSyntax.references(tags, project, "spec.tags"));
    ReferenceSyntax.add(refs, Kind.VIRTUAL_ROUTER, project, virtualRouter, "spec.virtualRouter");
    return refs;
  }
}
