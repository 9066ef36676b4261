package io.weft.model.derived;

import io.weft.model.Problems;
import io.weft.model.Spec;
import io.weft.model.derived.rules.PortPolicy;
import java.util.List;

/**
 * What a vRouter needs for one port, written by the compiler and named after the port
 * (VirtualMachineInterface): its routing instance(s), MAC, addresses with gateway and DNS
 * service addresses, effective tags after inheritance project → network → virtual router →
 * port (a lower
 * level replaces a type set above), security groups ({@code project/name}), the compiled
 * rule lists of all three policy kinds, and the VirtualRouter (host) it is bound to, if any.
 * Every list is sorted or kept in policy order, so equal input gives byte-equal output.
 */
public record PortConfigSpec(
    String port,
    String routingInstance,
    List<String> routingInstances,
    String macAddress,
    List<Address> addresses,
    List<String> tags,
    List<String> securityGroups,
    boolean policyDisabled,
    String virtualRouter,
    String host,
    PortPolicy policy,
    List<String> problems)
    implements Spec {

  public PortConfigSpec {
    routingInstances = routingInstances == null ? List.of() : List.copyOf(routingInstances);
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
    tags = tags == null ? List.of() : List.copyOf(tags);
    securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  @Override
  public void validate(Problems problems) {}

  /**
   * One instance address of the port: the network it is in ({@code project/name}), the
   * address, the prefix length of its subnet, and the subnet's gateway and DNS service
   * addresses (null when the network is l2-only and has no gateway).
   */
  public record Address(String network, String address, int prefixLength, String gateway, String dnsServer) {}
}
