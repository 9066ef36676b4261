package io.weft.policy;

import io.weft.model.derived.rules.Action;
import io.weft.model.derived.rules.Flow;
import io.weft.model.derived.rules.FlowDirection;
import io.weft.model.derived.rules.NetworkPolicyRule;
import io.weft.model.derived.rules.NetworkPolicyRules;
import java.util.ArrayList;
import java.util.List;

/** A network's ordered rule list (its ACL) applied to a flow: first match decides. */
final class NetworkPolicyEvaluation {
  static final String SAME_NETWORK = "same-network";
  static final String IMPLICIT = "implicit-";

  private NetworkPolicyEvaluation() {}

  static Check check(NetworkPolicyRules list, Flow flow) {
    List<ConsultedRule> consulted = new ArrayList<>();
    for (NetworkPolicyRule rule : list.rules()) {
      Action action = rule.actions().action();
      if (matches(rule, flow)) {
        consulted.add(ConsultedRule.deciding(PolicyKind.NETWORK_POLICY, rule.id(), rule.policy(), action));
        return new Check(PolicyKind.NETWORK_POLICY, scope(list), action == Action.PASS, consulted);
      }
      consulted.add(ConsultedRule.skipped(PolicyKind.NETWORK_POLICY, rule.id(), rule.policy(), action));
    }
    // The implicit tail of every ACL: traffic within the network passes, then finalAction.
    boolean sameNetwork = list.network().equals(flow.src().network()) && list.network().equals(flow.dst().network());
    Action tail = sameNetwork ? Action.PASS : list.finalAction();
    String id = sameNetwork ? SAME_NETWORK : IMPLICIT + (tail == Action.PASS ? "pass" : "deny");
    consulted.add(ConsultedRule.implicitRule(PolicyKind.NETWORK_POLICY, id, tail));
    return new Check(PolicyKind.NETWORK_POLICY, scope(list), tail == Action.PASS, consulted);
  }

  private static String scope(NetworkPolicyRules list) {
    return "network " + list.network();
  }

  static boolean matches(NetworkPolicyRule r, Flow f) {
    if (!Matching.protocol(r.protocol(), f.protocol())) return false;
    boolean forward = Matching.anyEndpoint(r.src(), f.src()) && Matching.anyEndpoint(r.dst(), f.dst())
        && Matching.ports(r.srcPorts(), f.srcPort()) && Matching.ports(r.dstPorts(), f.dstPort());
    if (forward || r.direction() != FlowDirection.BOTH) return forward;
    // "<>" is the rule plus its mirror image, as the original system expands it into two ACL entries.
    return Matching.anyEndpoint(r.src(), f.dst()) && Matching.anyEndpoint(r.dst(), f.src())
        && Matching.ports(r.srcPorts(), f.dstPort()) && Matching.ports(r.dstPorts(), f.srcPort());
  }
}
