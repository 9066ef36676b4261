package io.weft.model.derived.rules;

import java.util.List;

/**
 * The ordered network-policy rule list of one network (its ACL), policies sorted by their
 * sequence on the network and rules in written order.
 *
 * <p>After the rules come two implicit ones, as the original system's schema transformer
 * appends them: traffic with both ends on this network passes, then {@code finalAction}
 * (deny; pass for a provider network). A network with no policy attached has an empty list:
 * traffic stays within it, other networks are denied (they are not connected).
 *
 * @param network the network, {@code project/name}
 */
public record NetworkPolicyRules(String network, List<NetworkPolicyRule> rules, Action finalAction) {
  public NetworkPolicyRules {
    if (network == null) throw new IllegalArgumentException("network is required");
    rules = rules == null ? List.of() : List.copyOf(rules);
    if (finalAction == null) finalAction = Action.DENY;
  }

  public NetworkPolicyRules(String network, List<NetworkPolicyRule> rules) {
    this(network, rules, Action.DENY);
  }
}
