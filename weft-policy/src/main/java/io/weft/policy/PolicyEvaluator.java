package io.weft.policy;

import io.weft.model.derived.rules.Flow;
import io.weft.model.derived.rules.PortPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one policy evaluator (SYSTEM.md §2): decides a flow from the compiled rules of its
 * two ports. The compiler side, {@code weftctl explain} and the vRouter agent all call this;
 * nothing else interprets compiled rules.
 *
 * <p>A flow passes only if every kind that applies allows it:
 * <ol>
 *   <li>network policy: the source network's list, and the destination network's list when
 *       the ends are on different networks (each network's ACL is applied, as in the
 *       original system);
 *   <li>security groups: egress rules of the source port, ingress rules of the destination
 *       port (a port without groups is not filtered by this kind);
 *   <li>firewall: the rules of the policy sets applying to the source port and to the
 *       destination port (by application tag, plus global sets); evaluated once when both
 *       ports have the same list; no set applying means the kind does not apply.
 * </ol>
 * Within each list the first matching rule decides. All lists are evaluated, not only up to
 * the first deny, so an explanation shows every kind's verdict.
 *
 * <p>Either port may be null when its compiled rules are not known here (a remote or
 * external endpoint): only the known side's lists are applied, the other side's vRouter
 * applies its own. The decision is for the initiating direction; the reverse traffic of an
 * allowed flow is allowed by the flow table (stateful).
 *
 * <p>Thread-safe and stateless.
 */
public final class PolicyEvaluator {

  public Decision evaluate(Flow flow, PortPolicy srcPort, PortPolicy dstPort) {
    List<Check> checks = new ArrayList<>();
    Set<PolicyKind> applied = EnumSet.noneOf(PolicyKind.class);

    if (srcPort != null) {
      checks.add(NetworkPolicyEvaluation.check(srcPort.networkPolicy(), flow));
    }
    if (dstPort != null && (srcPort == null || !dstPort.networkPolicy().network().equals(srcPort.networkPolicy().network()))) {
      checks.add(NetworkPolicyEvaluation.check(dstPort.networkPolicy(), flow));
    }
    if (srcPort != null || dstPort != null) applied.add(PolicyKind.NETWORK_POLICY);

    if (srcPort != null && !srcPort.securityGroups().groups().isEmpty()) {
      checks.add(SecurityGroupEvaluation.egress(srcPort.securityGroups(), flow));
      applied.add(PolicyKind.SECURITY_GROUP);
    }
    if (dstPort != null && !dstPort.securityGroups().groups().isEmpty()) {
      checks.add(SecurityGroupEvaluation.ingress(dstPort.securityGroups(), flow));
      applied.add(PolicyKind.SECURITY_GROUP);
    }

    boolean srcFirewall = srcPort != null && !srcPort.firewall().policySets().isEmpty();
    boolean dstFirewall = dstPort != null && !dstPort.firewall().policySets().isEmpty();
    boolean sameFirewall = srcFirewall && dstFirewall && dstPort.firewall().equals(srcPort.firewall());
    if (srcFirewall) {
      String whose = sameFirewall ? "policy sets of both ports " : "policy sets of source port ";
      checks.add(FirewallEvaluation.check(srcPort.firewall(), flow, whose + srcPort.firewall().policySets()));
      applied.add(PolicyKind.FIREWALL);
    }
    if (dstFirewall && !sameFirewall) {
      checks.add(FirewallEvaluation.check(dstPort.firewall(), flow, "policy sets of destination port " + dstPort.firewall().policySets()));
      applied.add(PolicyKind.FIREWALL);
    }
    return Decision.of(checks, applied);
  }
}
