package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Spec;
import java.util.List;

/**
 * IP address management shared by the networks that name it in {@code spec.ipam}: subnets
 * (each with gateway, DNS/DHCP service address and allocation pools, see {@link Subnet})
 * and the DHCP options handed to ports.
 */
public record NetworkIpamSpec(List<Subnet> subnets, DhcpOptions dhcpOptions) implements Spec {
  public NetworkIpamSpec {
    subnets = Lists.copy(subnets);
  }

  @Override
  public void validate(Problems problems) {
    Subnet.validateAll(subnets, problems.at("subnets"));
    if (dhcpOptions != null) dhcpOptions.validate(problems.at("dhcpOptions"));
  }
}
