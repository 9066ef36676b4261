package io.weft.compiler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.derived.RoutingInstanceSpec;
import io.weft.model.spec.NetworkIpamSpec;
import io.weft.model.spec.NetworkPolicySpec;
import io.weft.model.spec.PolicyAction;
import io.weft.model.spec.PolicyAddress;
import io.weft.model.spec.PolicyRule;
import io.weft.model.spec.Subnet;
import io.weft.model.spec.VirtualNetworkSpec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A network's RoutingInstance (tungsten-fabric.md §2): its own route target
 * {@code target:<asn>:<n>} with n from the pool, the user's extra targets, and the import of
 * every network joined to it. Networks are isolated by default; a pass rule between A and B
 * (no service chain) joins them only when the policy is attached to both, i.e. each one's
 * policies name the other: then A imports B's export targets and B imports A's.
 */
final class NetworkCompiler {
  static final String STATUS_ROUTE_TARGET = "routeTargetNumber";
  static final String STATUS_VNI = "vni";
  static final long GLOBAL_ASN = 64512;

  private final RuleCompiler rules = new RuleCompiler();

  Resource compile(ResourceKey vnKey, Reads reads) {
    Resource vn = reads.get(vnKey);
    if (vn == null) return null;
    VirtualNetworkSpec spec = (VirtualNetworkSpec) vn.spec();
    Allocations.Assigned own = reads.allocation(vnKey);
    String ownRt = routeTarget(own.routeTarget());

    TreeSet<String> connections = new TreeSet<>();
    TreeSet<String> imports = new TreeSet<>();
    TreeSet<String> exports = new TreeSet<>();
    imports.add(ownRt);
    imports.addAll(spec.routeTargets());
    imports.addAll(spec.importRouteTargets());
    exports.add(ownRt);
    exports.addAll(spec.routeTargets());
    exports.addAll(spec.exportRouteTargets());
    for (ResourceKey peer : candidatePeers(vnKey, spec, reads)) {
      Resource other = reads.get(peer);
      if (other == null) continue;
      VirtualNetworkSpec otherSpec = (VirtualNetworkSpec) other.spec();
      // tungsten-fabric.md §2 step 2: the connection must be mutual.
      if (!candidatePeers(peer, otherSpec, reads).contains(vnKey)) continue;
      connections.add(Refs.qualified(peer));
      Allocations.Assigned theirs = reads.allocation(peer);
      if (theirs != null) imports.add(routeTarget(theirs.routeTarget()));
      imports.addAll(otherSpec.routeTargets());
      imports.addAll(otherSpec.exportRouteTargets());
    }

    RoutingInstanceSpec ri = new RoutingInstanceSpec(
        Refs.qualified(vnKey), ownRt, List.copyOf(imports), List.copyOf(exports), own.vni(), spec.forwarding(),
        subnets(vnKey.project(), spec, reads), List.copyOf(connections), spec.external(), spec.shared(),
        spec.fabricForwarding(), spec.floodUnknownUnicast(), rules.networkRules(vnKey, spec, reads));
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put(STATUS_ROUTE_TARGET, own.routeTarget());
    status.put(STATUS_VNI, own.vni());
    if (own.vniProblem() != null) status.putArray("problems").add(own.vniProblem());
    return new Resource(Resource.API_VERSION, Kind.ROUTING_INSTANCE.kindName(),
        Refs.derivedMetadata(Kind.ROUTING_INSTANCE, vn), ri, status);
  }

  static String routeTarget(int number) {
    return "target:" + GLOBAL_ASN + ":" + number;
  }

  /** The network's subnets: inline, else its NetworkIpam's. */
  static List<Subnet> subnets(String project, VirtualNetworkSpec spec, Reads reads) {
    if (!spec.subnets().isEmpty() || spec.ipam() == null) return spec.subnets();
    Resource ipam = reads.get(Refs.resolve(Kind.NETWORK_IPAM, project, spec.ipam()));
    return ipam == null ? List.of() : ((NetworkIpamSpec) ipam.spec()).subnets();
  }

  /**
   * The networks {@code vn}'s own policies would join it to: for each pass rule without a
   * service chain whose one side includes {@code vn}, the networks of the other side
   * ({@code local} is vn, {@code any} every network of vn's project).
   */
  static Set<ResourceKey> candidatePeers(ResourceKey vn, VirtualNetworkSpec spec, Reads reads) {
    Set<ResourceKey> peers = new TreeSet<>();
    for (String written : spec.networkPolicies()) {
      Resource np = reads.get(Refs.resolve(Kind.NETWORK_POLICY, vn.project(), written));
      if (np == null) continue;
      for (PolicyRule rule : ((NetworkPolicySpec) np.spec()).rules()) {
        if (rule == null || rule.action() != PolicyAction.PASS || !rule.applyService().isEmpty()) continue;
        Set<ResourceKey> src = networksOf(rule.source(), vn, np.metadata().project(), reads);
        Set<ResourceKey> dst = networksOf(rule.destination(), vn, np.metadata().project(), reads);
        if (src.contains(vn)) peers.addAll(dst);
        if (dst.contains(vn)) peers.addAll(src);
      }
    }
    peers.remove(vn);
    return peers;
  }

  private static Set<ResourceKey> networksOf(PolicyAddress a, ResourceKey vn, String policyProject, Reads reads) {
    if (a == null || a.network() == null) return Set.of();
    if (a.network().equals(PolicyAddress.LOCAL)) return Set.of(vn);
    if (a.network().equals(PolicyAddress.ANY)) {
      Set<ResourceKey> all = new TreeSet<>();
      for (Resource r : reads.list(Kind.VIRTUAL_NETWORK, vn.project())) all.add(r.key());
      return all;
    }
    return Set.of(Refs.resolve(Kind.VIRTUAL_NETWORK, policyProject, a.network()));
  }
}
