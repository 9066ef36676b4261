package io.weft.policy;

import io.weft.model.derived.rules.Action;
import io.weft.model.derived.rules.Endpoint;
import io.weft.model.derived.rules.FirewallRule;
import io.weft.model.derived.rules.FirewallRules;
import io.weft.model.derived.rules.FirewallService;
import io.weft.model.derived.rules.Flow;
import java.util.ArrayList;
import java.util.List;

/** Tag-based firewall rules of one port's applicable policy sets: first match decides, else deny. */
final class FirewallEvaluation {
  static final String IMPLICIT_DENY = "implicit-deny";

  private FirewallEvaluation() {}

  static Check check(FirewallRules fw, Flow flow, String scope) {
    List<ConsultedRule> consulted = new ArrayList<>();
    for (FirewallRule r : fw.rules()) {
      String source = r.policySet() == null ? r.policy() : r.policySet() + " / " + r.policy();
      Action action = r.actions().action();
      if (matches(r, flow)) {
        consulted.add(ConsultedRule.deciding(PolicyKind.FIREWALL, r.id(), source, action));
        return new Check(PolicyKind.FIREWALL, scope, action == Action.PASS, consulted);
      }
      consulted.add(ConsultedRule.skipped(PolicyKind.FIREWALL, r.id(), source, action));
    }
    consulted.add(ConsultedRule.implicitRule(PolicyKind.FIREWALL, IMPLICIT_DENY, Action.DENY));
    return new Check(PolicyKind.FIREWALL, scope, false, consulted);
  }

  static boolean matches(FirewallRule r, Flow f) {
    if (!service(r.services(), f)) return false;
    if (!Matching.sharedTags(r.matchTags(), f.src(), f.dst())) return false;
    return switch (r.direction()) {
      case FORWARD -> ends(r, f.src(), f.dst());
      case REVERSE -> ends(r, f.dst(), f.src());
      case BOTH -> ends(r, f.src(), f.dst()) || ends(r, f.dst(), f.src());
    };
  }

  private static boolean ends(FirewallRule r, Endpoint first, Endpoint second) {
    return Matching.endpoint(r.endpoint1(), first) && Matching.endpoint(r.endpoint2(), second);
  }

  /** The services' ports are those of the flow as initiated, whatever the rule's direction. */
  private static boolean service(List<FirewallService> services, Flow f) {
    if (services.isEmpty()) return true;
    for (FirewallService s : services) {
      if (Matching.protocol(s.protocol(), f.protocol())
          && Matching.ports(s.srcPorts(), f.srcPort())
          && Matching.ports(s.dstPorts(), f.dstPort())) {
        return true;
      }
    }
    return false;
  }
}
