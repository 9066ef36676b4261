package io.weft.model.spec;

import io.weft.model.IpAddresses;
import io.weft.model.Kind;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import io.weft.model.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * An address of a port, allocated from a subnet of {@code network}. {@code address} asks
 * for a fixed one; otherwise the compiler allocates from the family's subnet and writes
 * the result to {@code status.address}.
 */
public record InstanceIpSpec(String network, String port, String address, IpFamily family) implements Spec {
  public InstanceIpSpec {
    family = family == null ? IpFamily.V4 : family;
  }

  @Override
  public void validate(Problems problems) {
    if (problems.require("network", network)) ReferenceSyntax.check(Kind.VIRTUAL_NETWORK, network, problems.at("network"));
    ReferenceSyntax.check(Kind.VIRTUAL_MACHINE_INTERFACE, port, problems.at("port"));
    if (address != null) {
      if (!IpAddresses.isValid(address)) problems.add("address", "'" + address + "' is not an IPv4 or IPv6 address");
      else if ((IpAddresses.parse(address).getAddress().length == 16) != (family == IpFamily.V6)) {
        problems.add("address", "'" + address + "' is not a " + (family == IpFamily.V6 ? "v6" : "v4") + " address; set family to match");
      }
    }
  }

  @Override
  public List<Reference> references(String project) {
    List<Reference> refs = new ArrayList<>();
    ReferenceSyntax.add(refs, Kind.VIRTUAL_NETWORK, project, network, "spec.network");
    ReferenceSyntax.add(refs, Kind.VIRTUAL_MACHINE_INTERFACE, project, port, "spec.port");
    return refs;
  }
}
