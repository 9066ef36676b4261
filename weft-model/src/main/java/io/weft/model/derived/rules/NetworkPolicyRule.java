package io.weft.model.derived.rules;

import java.util.List;

/**
 * One NetworkPolicy rule as compiled into a network's ordered list (TF AclRuleType, but not
 * expanded: {@code <>} is kept and matched both ways by the evaluator, and lists of
 * addresses stay one rule so a decision names the rule the user wrote).
 *
 * @param id stable rule id, e.g. {@code finance/web-policy#0} or the rule's uid
 * @param policy the NetworkPolicy it comes from ({@code project/name})
 * @param protocol IANA number, {@link Protocols#ANY} for any
 * @param src source endpoints (any of them); {@code local} already replaced by the network
 * @param srcPorts source ports (any of them), empty = any
 * @param direction {@code >} or {@code <>} ({@code <} is not allowed for network policy)
 */
public record NetworkPolicyRule(
    String id,
    String policy,
    RuleActions actions,
    int protocol,
    List<EndpointMatch> src,
    List<PortSpan> srcPorts,
    List<EndpointMatch> dst,
    List<PortSpan> dstPorts,
    FlowDirection direction) {

  public NetworkPolicyRule {
    if (id == null) throw new IllegalArgumentException("rule id is required");
    if (actions == null) throw new IllegalArgumentException("actions are required");
    Protocols.check(protocol);
    src = src == null || src.isEmpty() ? List.of(EndpointMatch.ANY) : List.copyOf(src);
    dst = dst == null || dst.isEmpty() ? List.of(EndpointMatch.ANY) : List.copyOf(dst);
    srcPorts = srcPorts == null ? List.of() : List.copyOf(srcPorts);
    dstPorts = dstPorts == null ? List.of() : List.copyOf(dstPorts);
    if (direction == null) direction = FlowDirection.FORWARD;
    if (direction == FlowDirection.REVERSE) throw new IllegalArgumentException("network policy rules are > or <>");
  }
}
