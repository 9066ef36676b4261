package io.weft.model;

import io.weft.model.spec.AddressGroupSpec;
import io.weft.model.spec.ApplicationPolicySetSpec;
import io.weft.model.spec.BgpRouterSpec;
import io.weft.model.spec.FirewallPolicySpec;
import io.weft.model.spec.FirewallRuleSpec;
import io.weft.model.spec.InstanceIpSpec;
import io.weft.model.spec.NetworkIpamSpec;
import io.weft.model.spec.NetworkPolicySpec;
import io.weft.model.spec.ProjectSpec;
import io.weft.model.spec.SecurityGroupSpec;
import io.weft.model.spec.ServiceGroupSpec;
import io.weft.model.spec.TagSpec;
import io.weft.model.spec.VirtualMachineInterfaceSpec;
import io.weft.model.spec.VirtualNetworkSpec;
import io.weft.model.spec.VirtualRouterSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every resource kind: its envelope name, the lower-case plural used in API paths, short
 * names accepted by weftctl, its scope, and the record its spec maps to.
 */
public enum Kind {
  PROJECT("Project", "projects", Scope.CLUSTER, ProjectSpec.class, "proj"),
  VIRTUAL_NETWORK("VirtualNetwork", "virtualnetworks", Scope.PROJECT, VirtualNetworkSpec.class, "vn"),
  TAG("Tag", "tags", Scope.PROJECT_OR_GLOBAL, TagSpec.class),
  NETWORK_IPAM("NetworkIpam", "networkipams", Scope.PROJECT, NetworkIpamSpec.class, "ipam"),
  NETWORK_POLICY("NetworkPolicy", "networkpolicies", Scope.PROJECT, NetworkPolicySpec.class, "np"),
  VIRTUAL_MACHINE_INTERFACE("VirtualMachineInterface", "virtualmachineinterfaces", Scope.PROJECT, VirtualMachineInterfaceSpec.class, "vmi", "port"),
  INSTANCE_IP("InstanceIp", "instanceips", Scope.PROJECT, InstanceIpSpec.class, "iip"),
  SECURITY_GROUP("SecurityGroup", "securitygroups", Scope.PROJECT, SecurityGroupSpec.class, "sg"),
  APPLICATION_POLICY_SET("ApplicationPolicySet", "applicationpolicysets", Scope.PROJECT_OR_GLOBAL, ApplicationPolicySetSpec.class, "aps"),
  FIREWALL_POLICY("FirewallPolicy", "firewallpolicies", Scope.PROJECT_OR_GLOBAL, FirewallPolicySpec.class, "fwp"),
  FIREWALL_RULE("FirewallRule", "firewallrules", Scope.PROJECT_OR_GLOBAL, FirewallRuleSpec.class, "fwr"),
  SERVICE_GROUP("ServiceGroup", "servicegroups", Scope.PROJECT_OR_GLOBAL, ServiceGroupSpec.class),
  ADDRESS_GROUP("AddressGroup", "addressgroups", Scope.PROJECT_OR_GLOBAL, AddressGroupSpec.class),
  VIRTUAL_ROUTER("VirtualRouter", "virtualrouters", Scope.CLUSTER, VirtualRouterSpec.class, "vr"),
  BGP_ROUTER("BgpRouter", "bgprouters", Scope.CLUSTER, BgpRouterSpec.class),
  // Derived kinds: written by the compiler (weft-compiler) only; users read them.
  ROUTING_INSTANCE("RoutingInstance", "routinginstances", Scope.PROJECT, io.weft.model.derived.RoutingInstanceSpec.class, "ri"),
  PORT_CONFIG("PortConfig", "portconfigs", Scope.PROJECT, io.weft.model.derived.PortConfigSpec.class, "pc"),
  // Internal bookkeeping of the config API's address admission (AddressClaimSpec); not a user concept.
  ADDRESS_CLAIM("AddressClaim", "addressclaims", Scope.CLUSTER, io.weft.model.derived.AddressClaimSpec.class);

  private final String kindName;
  private final String plural;
  private final Scope scope;
  private final Class<? extends Spec> specType;
  private final List<String> shortNames;

  Kind(String kindName, String plural, Scope scope, Class<? extends Spec> specType, String... shortNames) {
    this.kindName = kindName;
    this.plural = plural;
    this.scope = scope;
    this.specType = specType;
    this.shortNames = List.of(shortNames);
  }

  /** Written by the compiler only: the config API refuses user writes of these kinds. */
  public boolean derived() {
    return this == ROUTING_INSTANCE || this == PORT_CONFIG;
  }

  /** Bookkeeping of the config API, not a user concept: hidden from discovery and weftctl. */
  public boolean internal() {
    return this == ADDRESS_CLAIM;
  }

  /** The name in the envelope's {@code kind} field, e.g. {@code VirtualNetwork}. */
  public String kindName() {
    return kindName;
  }

  /** The lower-case plural used in API paths, e.g. {@code virtualnetworks}. */
  public String plural() {
    return plural;
  }

  public String singular() {
    return kindName.toLowerCase(Locale.ROOT);
  }

  public Scope scope() {
    return scope;
  }

  public boolean clusterScoped() {
    return scope == Scope.CLUSTER;
  }

  public List<String> shortNames() {
    return shortNames;
  }

  public Class<? extends Spec> specType() {
    return specType;
  }

  public static Optional<Kind> fromKindName(String name) {
    return Optional.ofNullable(name == null ? null : BY_KIND_NAME.get(name));
  }

  /** Every request names its kind; a map lookup, not a scan. */
  private static final Map<String, Kind> BY_KIND_NAME = byKindName();

  private static Map<String, Kind> byKindName() {
    Map<String, Kind> m = new HashMap<>();
    for (Kind k : values()) m.put(k.kindName, k);
    return Map.copyOf(m);
  }

  /** Resolves what a user types: the kind name, plural, singular or a short name, any case. */
  public static Optional<Kind> lookup(String typed) {
    if (typed == null) return Optional.empty();
    String t = typed.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(k -> k.plural.equals(t) || k.singular().equals(t) || k.shortNames.contains(t))
        .findFirst();
  }

  public static Kind ofSpec(Class<?> specClass) {
    return Arrays.stream(values())
        .filter(k -> k.specType.equals(specClass))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kind for " + specClass.getName()));
  }
}
