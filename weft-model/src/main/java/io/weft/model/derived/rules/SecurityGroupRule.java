package io.weft.model.derived.rules;

import java.util.List;

/**
 * One security group rule, an allow rule seen from the port that is a member of the group:
 * for ingress {@code remote} is the flow's source, for egress its destination; {@code ports}
 * are always the flow's destination ports. Rules are stateful: the reverse traffic of an
 * allowed flow is allowed by the flow table.
 *
 * @param id stable rule id, e.g. {@code finance/web#ingress-0} or the rule's uid
 * @param securityGroup the group it comes from ({@code project/name})
 * @param ipv6 whether it matches IPv6 (true) or IPv4 (false) flows
 * @param protocol IANA number, {@link Protocols#ANY} for any
 * @param remote {@code any}, {@code cidr} or {@code securityGroup} ({@code local} resolved)
 * @param ports destination ports, empty = any
 */
public record SecurityGroupRule(String id, String securityGroup, boolean ipv6, int protocol, EndpointMatch remote, List<PortSpan> ports) {
  public SecurityGroupRule {
    if (id == null) throw new IllegalArgumentException("rule id is required");
    Protocols.check(protocol);
    if (remote == null) remote = EndpointMatch.ANY;
    ports = ports == null ? List.of() : List.copyOf(ports);
  }
}
