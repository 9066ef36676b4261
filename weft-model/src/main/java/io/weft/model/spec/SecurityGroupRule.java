package io.weft.model.spec;

import io.weft.model.Cidr;
import io.weft.model.Problems;
import io.weft.model.Reference;
import java.util.List;

/**
 * An allow rule of a security group: traffic in {@code direction} (seen from the port)
 * to or from {@code remote}, on {@code ports} (destination ports). Defaults: protocol
 * any, ethertype IPv4, ports any.
 */
public record SecurityGroupRule(
    TrafficDirection direction, Protocol protocol, EtherType ethertype, SecurityGroupRemote remote, List<PortRange> ports) implements RuleList.Rule {

  public SecurityGroupRule {
    protocol = protocol == null ? Protocol.ANY : protocol;
    ethertype = ethertype == null ? EtherType.IPV4 : ethertype;
    ports = ports == null || ports.isEmpty() ? List.of(PortRange.ANY) : Lists.copy(ports);
  }

  @Override
  public void validate(Problems p) {
    p.require("direction", direction);
    if (p.require("remote", remote)) {
      remote.validate(p.at("remote"));
      Cidr cidr = remote.parsedCidr();
      if (cidr != null && cidr.isIpv6() != (ethertype == EtherType.IPV6)) {
        p.add("remote.cidr", "'" + cidr + "' does not match ethertype " + (ethertype == EtherType.IPV6 ? "IPv6" : "IPv4"));
      }
    }
    if (protocol.equals(Protocol.ICMP) && ethertype == EtherType.IPV6) p.add("protocol", "icmp is IPv4; use icmp6 with IPv6");
    if (protocol.equals(Protocol.ICMP6) && ethertype == EtherType.IPV4) p.add("protocol", "icmp6 is IPv6; use icmp with IPv4");
    Ports.validate(ports, protocol, p.at("ports"));
  }

  @Override
  public void addReferences(List<Reference> out, String project, String field) {
    if (remote != null) remote.addReferences(out, project, field + ".remote");
  }
}
