package io.weft.compiler;

import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.TagSyntax;
import io.weft.model.derived.rules.Action;
import io.weft.model.derived.rules.EndpointMatch;
import io.weft.model.derived.rules.FirewallRule;
import io.weft.model.derived.rules.FirewallRules;
import io.weft.model.derived.rules.FirewallService;
import io.weft.model.derived.rules.FlowDirection;
import io.weft.model.derived.rules.NetworkPolicyRule;
import io.weft.model.derived.rules.NetworkPolicyRules;
import io.weft.model.derived.rules.PortSpan;
import io.weft.model.derived.rules.RuleActions;
import io.weft.model.derived.rules.SecurityGroupRule;
import io.weft.model.derived.rules.SecurityGroupRules;
import io.weft.model.spec.AddressGroupSpec;
import io.weft.model.spec.ApplicationPolicySetSpec;
import io.weft.model.spec.Direction;
import io.weft.model.spec.EtherType;
import io.weft.model.spec.FirewallPolicySpec;
import io.weft.model.spec.FirewallRuleSpec;
import io.weft.model.spec.NetworkPolicySpec;
import io.weft.model.spec.PolicyAction;
import io.weft.model.spec.PolicyAddress;
import io.weft.model.spec.PolicyRule;
import io.weft.model.spec.PortRange;
import io.weft.model.spec.SecurityGroupRemote;
import io.weft.model.spec.SecurityGroupSpec;
import io.weft.model.spec.Service;
import io.weft.model.spec.ServiceGroupSpec;
import io.weft.model.spec.TrafficDirection;
import io.weft.model.spec.VirtualNetworkSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles the three policy kinds into the rule types of {@code io.weft.model.derived.rules}
 * that the one evaluator (weft-policy) decides flows from. Names are resolved here
 * ({@code local} to the network, address groups to prefixes, service groups to services),
 * so the lists are self-contained.
 */
final class RuleCompiler {

  /** The network's ACL: its policies in attachment order, each policy's rules in written order. */
  NetworkPolicyRules networkRules(ResourceKey vn, VirtualNetworkSpec spec, Reads reads) {
    String network = Refs.qualified(vn);
    List<NetworkPolicyRule> out = new ArrayList<>();
    for (String written : spec.networkPolicies()) {
      ResourceKey npKey = Refs.resolve(Kind.NETWORK_POLICY, vn.project(), written);
      Resource np = reads.get(npKey);
      if (np == null) continue;
      List<PolicyRule> rules = ((NetworkPolicySpec) np.spec()).rules();
      for (int i = 0; i < rules.size(); i++) {
        PolicyRule r = rules.get(i);
        if (r == null) continue;
        out.add(new NetworkPolicyRule(
            Refs.qualified(npKey) + "#" + i, Refs.qualified(npKey),
            new RuleActions(action(r.action()), r.log(), r.mirror() == null ? null : mirrorName(r.mirror()), r.applyService()),
            r.protocol().number(),
            List.of(endpoint(r.source(), network, npKey.project())), spans(r.sourcePorts()),
            List.of(endpoint(r.destination(), network, npKey.project())), spans(r.destinationPorts()),
            r.direction() == Direction.FORWARD ? FlowDirection.FORWARD : FlowDirection.BOTH));
      }
    }
    return new NetworkPolicyRules(network, out, Action.DENY);
  }

  /** The union of the port's groups' rules, split by direction; {@code local} is the group itself. */
  SecurityGroupRules securityGroupRules(List<ResourceKey> groups, Reads reads) {
    List<String> names = new ArrayList<>();
    List<SecurityGroupRule> ingress = new ArrayList<>();
    List<SecurityGroupRule> egress = new ArrayList<>();
    for (ResourceKey sgKey : groups) {
      String group = Refs.qualified(sgKey);
      names.add(group);
      Resource sg = reads.get(sgKey);
      if (sg == null) continue;
      var rules = ((SecurityGroupSpec) sg.spec()).rules();
      for (int i = 0; i < rules.size(); i++) {
        io.weft.model.spec.SecurityGroupRule r = rules.get(i);
        if (r == null) continue;
        boolean in = r.direction() == TrafficDirection.INGRESS;
        SecurityGroupRule compiled = new SecurityGroupRule(
            group + "#" + (in ? "ingress" : "egress") + "-" + i, group, r.ethertype() == EtherType.IPV6,
            r.protocol().number(), remote(r.remote(), group, sgKey.project()), spans(r.ports()));
        (in ? ingress : egress).add(compiled);
      }
    }
    return names.isEmpty() ? SecurityGroupRules.NONE : new SecurityGroupRules(names, ingress, egress);
  }

  /**
   * The firewall rules of a port with effective {@code tags} in {@code project}: the
   * ApplicationPolicySets of the project, then the global ones, each by name, that are
   * global or bound to an application tag the port carries; their policies in order, and
   * each policy's rules in order.
   */
  FirewallRules firewallRules(String project, Set<String> tags, Reads reads) {
    List<String> sets = new ArrayList<>();
    List<FirewallRule> out = new ArrayList<>();
    List<Resource> candidates = new ArrayList<>(reads.list(Kind.APPLICATION_POLICY_SET, project));
    candidates.addAll(reads.list(Kind.APPLICATION_POLICY_SET, null));
    for (Resource aps : candidates) {
      ApplicationPolicySetSpec spec = (ApplicationPolicySetSpec) aps.spec();
      boolean applies = spec.global() || (spec.applicationTag() != null && tags.contains(TagSyntax.unqualified(spec.applicationTag())));
      if (!applies) continue;
      String set = Refs.qualified(aps.key());
      sets.add(set);
      for (String fpWritten : spec.firewallPolicies()) {
        ResourceKey fpKey = Refs.resolve(Kind.FIREWALL_POLICY, aps.metadata().project(), fpWritten);
        Resource fp = reads.get(fpKey);
        if (fp == null) continue;
        for (String frWritten : ((FirewallPolicySpec) fp.spec()).rules()) {
          ResourceKey frKey = Refs.resolve(Kind.FIREWALL_RULE, fpKey.project(), frWritten);
          Resource fr = reads.get(frKey);
          if (fr == null) continue;
          out.add(firewallRule(frKey, (FirewallRuleSpec) fr.spec(), set, Refs.qualified(fpKey), reads));
        }
      }
    }
    return sets.isEmpty() ? FirewallRules.NONE : new FirewallRules(sets, out);
  }

  private FirewallRule firewallRule(ResourceKey key, FirewallRuleSpec r, String set, String policy, Reads reads) {
    List<FirewallService> services = new ArrayList<>();
    if (r.service() != null) services.add(service(r.service()));
    if (r.serviceGroup() != null) {
      Resource group = reads.get(Refs.resolve(Kind.SERVICE_GROUP, key.project(), r.serviceGroup()));
      if (group != null) for (Service s : ((ServiceGroupSpec) group.spec()).services()) if (s != null) services.add(service(s));
    }
    FlowDirection dir = switch (r.direction()) {
      case FORWARD -> FlowDirection.FORWARD;
      case REVERSE -> FlowDirection.REVERSE;
      case BOTH -> FlowDirection.BOTH;
    };
    return new FirewallRule(Refs.qualified(key), set, policy, new RuleActions(action(r.action()), r.log(), null, List.of()),
        endpoint(r.endpoint1(), key.project(), reads), endpoint(r.endpoint2(), key.project(), reads), dir, services, r.matchTags());
  }

  private static EndpointMatch endpoint(io.weft.model.spec.Endpoint e, String project, Reads reads) {
    if (e == null || e.any()) return EndpointMatch.ANY;
    if (!e.tags().isEmpty()) {
      Set<String> tags = new LinkedHashSet<>();
      for (String t : e.tags()) tags.add(TagSyntax.unqualified(t));
      return EndpointMatch.tags(List.copyOf(tags));
    }
    if (e.network() != null) return EndpointMatch.network(Refs.qualified(Refs.resolve(Kind.VIRTUAL_NETWORK, project, e.network())));
    if (e.cidr() != null) return EndpointMatch.cidr(e.cidr());
    if (e.addressGroup() != null) {
      ResourceKey agKey = Refs.resolve(Kind.ADDRESS_GROUP, project, e.addressGroup());
      Resource ag = reads.get(agKey);
      List<String> prefixes = ag == null ? List.of() : ((AddressGroupSpec) ag.spec()).prefixes();
      return EndpointMatch.addressGroup(Refs.qualified(agKey), prefixes);
    }
    return EndpointMatch.ANY;
  }

  private static EndpointMatch endpoint(PolicyAddress a, String network, String policyProject) {
    if (a == null) return EndpointMatch.ANY;
    if (a.cidr() != null) return EndpointMatch.cidr(a.cidr());
    if (a.securityGroup() != null) return EndpointMatch.securityGroup(Refs.qualified(Refs.resolve(Kind.SECURITY_GROUP, policyProject, a.securityGroup())));
    if (PolicyAddress.LOCAL.equals(a.network())) return EndpointMatch.network(network);
    if (a.network() == null || PolicyAddress.ANY.equals(a.network())) return EndpointMatch.ANY;
    return EndpointMatch.network(Refs.qualified(Refs.resolve(Kind.VIRTUAL_NETWORK, policyProject, a.network())));
  }

  private static EndpointMatch remote(SecurityGroupRemote remote, String group, String project) {
    if (remote == null) return EndpointMatch.ANY;
    if (remote.cidr() != null) return EndpointMatch.cidr(remote.cidr());
    if (SecurityGroupRemote.LOCAL.equals(remote.securityGroup())) return EndpointMatch.securityGroup(group);
    return EndpointMatch.securityGroup(Refs.qualified(Refs.resolve(Kind.SECURITY_GROUP, project, remote.securityGroup())));
  }

  private static FirewallService service(Service s) {
    return new FirewallService(s.protocol().number(), spans(s.sourcePorts()), spans(s.destinationPorts()));
  }

  /** Port ranges as compiled rules carry them: empty means any. */
  static List<PortSpan> spans(List<PortRange> ranges) {
    List<PortSpan> out = new ArrayList<>();
    for (PortRange r : ranges) {
      if (r == null) continue;
      if (r.isAny()) return List.of();
      out.add(new PortSpan(r.start(), r.end()));
    }
    return out;
  }

  private static Action action(PolicyAction a) {
    return a == PolicyAction.DENY ? Action.DENY : Action.PASS;
  }

  private static String mirrorName(io.weft.model.spec.Mirror m) {
    return m.analyzer() != null ? m.analyzer() : m.address() + ":" + m.udpPort();
  }
}
