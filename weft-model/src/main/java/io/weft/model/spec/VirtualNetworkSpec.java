package io.weft.model.spec;

import io.weft.model.Kind;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import io.weft.model.RouteTargets;
import io.weft.model.Spec;
import io.weft.model.TagSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual network (SYSTEM.md §1): its subnets (inline or from a NetworkIpam), forwarding
 * mode, optional fixed VNI, extra route targets, attached network policies (in order) and
 * tags. Networks are isolated unless a policy or router joins them.
 */
public record VirtualNetworkSpec(
    List<Subnet> subnets,
    String ipam,
    ForwardingMode forwarding,
    Integer vni,
    List<String> routeTargets,
    List<String> importRouteTargets,
    List<String> exportRouteTargets,
    boolean external,
    boolean shared,
    boolean fabricForwarding,
    boolean floodUnknownUnicast,
    List<String> networkPolicies,
    List<String> tags)
    implements Spec {

  public static final int MAX_VNI = 16_777_215;

  public VirtualNetworkSpec {
    subnets = Lists.copy(subnets);
    forwarding = forwarding == null ? ForwardingMode.L2L3 : forwarding;
    routeTargets = Lists.copy(routeTargets);
    importRouteTargets = Lists.copy(importRouteTargets);
    exportRouteTargets = Lists.copy(exportRouteTargets);
    networkPolicies = Lists.copy(networkPolicies);
    tags = Lists.copy(tags);
  }

  @Override
  public void validate(Problems problems) {
    Subnet.validateAll(subnets, problems.at("subnets"));
    if (vni != null && (vni < 1 || vni > MAX_VNI)) problems.add("vni", vni + " is outside 1.." + MAX_VNI);
    RouteTargets.validateAll(routeTargets, problems.at("routeTargets"));
    RouteTargets.validateAll(importRouteTargets, problems.at("importRouteTargets"));
    RouteTargets.validateAll(exportRouteTargets, problems.at("exportRouteTargets"));
    TagSyntax.validateAll(tags, problems.at("tags"));
    ReferenceSyntax.check(Kind.NETWORK_IPAM, ipam, problems.at("ipam"));
    ReferenceSyntax.checkAll(Kind.NETWORK_POLICY, networkPolicies, problems.at("networkPolicies"));
  }

  @Override
  public List<Reference> references(String project) {
    List<Reference> refs = new ArrayList<>();
    ReferenceSyntax.add(refs, Kind.NETWORK_IPAM, project, ipam, "spec.ipam");
    ReferenceSyntax.addAll(refs, Kind.NETWORK_POLICY, project, networkPolicies, "spec.networkPolicies");
    refs.addAll(TagSyntax.references(tags, project, "spec.tags"));
    return refs;
  }
}
