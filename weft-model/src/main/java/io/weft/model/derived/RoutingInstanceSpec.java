package io.weft.model.derived;

import io.weft.model.Problems;
import io.weft.model.Spec;
import io.weft.model.derived.rules.NetworkPolicyRules;
import io.weft.model.spec.ForwardingMode;
import io.weft.model.spec.Subnet;
import java.util.List;

/**
 * The routing instance (VRF) of one network, written by the compiler and named after the
 * network (tungsten-fabric.md §2). {@code routeTarget} is the instance's own allocated
 * target; {@code importRouteTargets} adds the own targets of every network joined to this
 * one by a policy attached to both, and {@code connections} names those networks
 * ({@code project/name}). {@code networkPolicy} is the network's compiled rule list (its
 * ACL). Lists are sorted, so equal input gives byte-equal output.
 */
public record RoutingInstanceSpec(
    String network,
    String routeTarget,
    List<String> importRouteTargets,
    List<String> exportRouteTargets,
    int vni,
    ForwardingMode forwarding,
    List<Subnet> subnets,
    List<String> connections,
    boolean external,
    boolean shared,
    boolean fabricForwarding,
    boolean floodUnknownUnicast,
    NetworkPolicyRules networkPolicy)
    implements Spec {

  public RoutingInstanceSpec {
    importRouteTargets = importRouteTargets == null ? List.of() : List.copyOf(importRouteTargets);
    exportRouteTargets = exportRouteTargets == null ? List.of() : List.copyOf(exportRouteTargets);
    subnets = subnets == null ? List.of() : List.copyOf(subnets);
    connections = connections == null ? List.of() : List.copyOf(connections);
  }

  /** Derived objects are written by the compiler only; there is nothing for a user to get wrong. */
  @Override
  public void validate(Problems problems) {}
}
