package io.weft.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.model.Cidr;
import io.weft.model.IpAddresses;
import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.rules.FirewallRules;
import io.weft.model.derived.rules.NetworkPolicyRules;
import io.weft.model.derived.rules.PortPolicy;
import io.weft.model.derived.rules.SecurityGroupRules;
import io.weft.model.spec.ForwardingMode;
import io.weft.model.spec.InstanceIpSpec;
import io.weft.model.spec.ProjectSpec;
import io.weft.model.spec.Subnet;
import io.weft.model.spec.VirtualMachineInterfaceSpec;
import io.weft.model.spec.VirtualNetworkSpec;
import io.weft.model.spec.VirtualRouterSpec;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A port's PortConfig: everything its vRouter needs, resolved. Addresses are those the
 * config API's admission allocated (the port's {@code status.addresses}, see
 * {@link AddressAllocator}) plus the InstanceIps naming the port; the MAC is the spec's,
 * else the admitted one, else derived from the uid ({@link Macs}).
 */
final class PortCompiler {
  private final RuleCompiler rules = new RuleCompiler();

  Resource compile(ResourceKey portKey, Reads reads) {
    Resource port = reads.get(portKey);
    if (port == null) return null;
    VirtualMachineInterfaceSpec spec = (VirtualMachineInterfaceSpec) port.spec();
    String project = portKey.project();
    List<String> problems = new ArrayList<>();

    ResourceKey vnKey = Refs.resolve(Kind.VIRTUAL_NETWORK, project, spec.network());
    Resource vn = reads.get(vnKey);
    VirtualNetworkSpec vnSpec = vn == null ? null : (VirtualNetworkSpec) vn.spec();
    if (vn == null) problems.add("network " + Refs.qualified(vnKey) + " does not exist");
    String network = Refs.qualified(vnKey);

    List<PortConfigSpec.Address> addresses = new ArrayList<>();
    List<Subnet> subnets = vnSpec == null ? List.of() : NetworkCompiler.subnets(vnKey.project(), vnSpec, reads);
    boolean routed = vnSpec == null || vnSpec.forwarding() != ForwardingMode.L2;
    for (String a : addressesOf(port, portKey, reads)) {
      PortConfigSpec.Address resolved = address(network, a, subnets, routed);
      if (resolved == null) problems.add("address " + a + " is in no subnet of " + network);
      else addresses.add(resolved);
    }


    List<ResourceKey> groups = new ArrayList<>(new LinkedHashSet<>(
        spec.securityGroups().stream().map(g -> Refs.resolve(Kind.SECURITY_GROUP, project, g)).toList()));
    List<String> groupNames = groups.stream().map(Refs::qualified).toList();

    String host = null;
    List<String> hostTags = List.of();
    if (spec.virtualRouter() != null) {
      Resource vr = reads.get(new ResourceKey(Kind.VIRTUAL_ROUTER, null, spec.virtualRouter()));
      if (vr == null) problems.add("virtual router " + spec.virtualRouter() + " does not exist");
      else {
        host = ((VirtualRouterSpec) vr.spec()).address();
        hostTags = ((VirtualRouterSpec) vr.spec()).tags();
      }
    }

    // Inheritance order: project, network, host (virtual router), port; a lower level replaces a type set above.
    Resource proj = reads.get(new ResourceKey(Kind.PROJECT, null, project));
    List<String> projectTags = proj == null ? List.of() : ((ProjectSpec) proj.spec()).tags();
    List<String> tags = Tags.effective(projectTags, vnSpec == null ? List.of() : vnSpec.tags(), hostTags, spec.tags());

    NetworkPolicyRules np = vnSpec == null ? new NetworkPolicyRules(network, List.of()) : rules.networkRules(vnKey, vnSpec, reads);
    SecurityGroupRules sg = rules.securityGroupRules(groups, reads);
    FirewallRules fw = rules.firewallRules(project, Set.copyOf(tags), reads);

    String mac = spec.mac() != null ? spec.mac()
        : port.status() != null && port.status().hasNonNull(AddressAllocator.STATUS_MAC) ? port.status().get(AddressAllocator.STATUS_MAC).asText()
        : Macs.forUid(port.metadata().uid() != null ? port.metadata().uid() : portKey.toString());

    PortConfigSpec pc = new PortConfigSpec(portKey.name(), network, List.of(network), mac, addresses, tags, groupNames,
        spec.policyDisabled(), spec.virtualRouter(), host, new PortPolicy(np, sg, fw), problems);
    return new Resource(Resource.API_VERSION, Kind.PORT_CONFIG.kindName(), Refs.derivedMetadata(Kind.PORT_CONFIG, port), pc, null);
  }

  /** The port's addresses: admitted ones first (in order), then its InstanceIps' by name. */
  private static List<String> addressesOf(Resource port, ResourceKey portKey, Reads reads) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode admitted = port.status() == null ? null : port.status().get(AddressAllocator.STATUS_ADDRESSES);
    if (admitted != null) for (JsonNode a : admitted) out.add(a.asText());
    for (Resource iip : reads.list(Kind.INSTANCE_IP, portKey.project())) {
      InstanceIpSpec s = (InstanceIpSpec) iip.spec();
      if (s.port() == null || !Refs.resolve(Kind.VIRTUAL_MACHINE_INTERFACE, portKey.project(), s.port()).equals(portKey)) continue;
      String a = s.address() != null ? s.address()
          : iip.status() != null && iip.status().hasNonNull("address") ? iip.status().get("address").asText() : null;
      if (a != null) out.add(a);
    }
    return List.copyOf(out);
  }

  /** A subnet parsed once: its prefix and service addresses (bounded by the number of distinct subnets). */
  private record ParsedSubnet(Cidr cidr, String gateway, String dns) {}

  private final java.util.Map<Subnet, ParsedSubnet> parsed = new java.util.HashMap<>();

  private ParsedSubnet parse(Subnet s) {
    return parsed.computeIfAbsent(s, x -> {
      try {
        return new ParsedSubnet(x.parsedCidr(), x.gatewayAddress().getHostAddress(), x.dnsServerAddress().getHostAddress());
      } catch (IllegalArgumentException e) {
        return new ParsedSubnet(null, null, null);
      }
    });
  }

  private PortConfigSpec.Address address(String network, String text, List<Subnet> subnets, boolean routed) {
    if (!IpAddresses.isValid(text)) return null;
    InetAddress a = IpAddresses.parse(text);
    for (Subnet s : subnets) {
      ParsedSubnet p = parse(s);
      if (p.cidr() == null || !p.cidr().contains(a)) continue;
      return new PortConfigSpec.Address(network, a.getHostAddress(), p.cidr().prefixLength(), routed ? p.gateway() : null, p.dns());
    }
    return null;
  }

  static Set<String> sorted(List<String> l) {
    return new TreeSet<>(l);
  }
}
