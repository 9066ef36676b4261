package io.weft.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.model.spec.AddressGroupSpec;
import io.weft.model.spec.AllowedAddressPair;
import io.weft.model.spec.AddressPairMode;
import io.weft.model.spec.ApplicationPolicySetSpec;
import io.weft.model.spec.BgpFamily;
import io.weft.model.spec.BgpRouterSpec;
import io.weft.model.spec.BgpRouterType;
import io.weft.model.spec.Direction;
import io.weft.model.spec.Encapsulation;
import io.weft.model.spec.Endpoint;
import io.weft.model.spec.EtherType;
import io.weft.model.spec.FirewallRuleSpec;
import io.weft.model.spec.ForwardingMode;
import io.weft.model.spec.Mirror;
import io.weft.model.spec.NetworkPolicySpec;
import io.weft.model.spec.PolicyAction;
import io.weft.model.spec.PolicyAddress;
import io.weft.model.spec.PolicyRule;
import io.weft.model.spec.PortRange;
import io.weft.model.spec.Protocol;
import io.weft.model.spec.SecurityGroupRemote;
import io.weft.model.spec.SecurityGroupRule;
import io.weft.model.spec.SecurityGroupSpec;
import io.weft.model.spec.Service;
import io.weft.model.spec.ServiceGroupSpec;
import io.weft.model.spec.Subnet;
import io.weft.model.spec.TrafficDirection;
import io.weft.model.spec.VirtualMachineInterfaceSpec;
import io.weft.model.spec.VirtualNetworkSpec;
import io.weft.model.spec.VirtualRouterSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any valid resource survives JSON and YAML unchanged (seeded by jqwik, so failures replay). */
class RoundTripPropertiesTest {
  private final ResourceCodec codec = new ResourceCodec();

  @Property(tries = 200)
  void jsonRoundTrip(@ForAll("resources") Resource r) {
    assertThat(codec.parseJson(codec.toJson(r))).isEqualTo(r);
  }

  /** The streaming pass and the tree path read every valid resource alike. */
  @Property(tries = 200)
  void streamingReadsAsTheTreePath(@ForAll("resources") Resource r) throws Exception {
    byte[] json = codec.toJson(r);
    Resource streamed = codec.parseValidJson(json, null);
    assertThat(streamed).isNotNull().isEqualTo(codec.fromTree(codec.json().readTree(json)));
  }

  @Property(tries = 200)
  void yamlRoundTrip(@ForAll("resources") Resource r) {
    assertThat(codec.parse(codec.toYaml(r))).isEqualTo(r);
  }

  @Provide
  Arbitrary<Resource> resources() {
    return Arbitraries.oneOf(
        inProject(virtualNetworks()), inProject(networkPolicies()), inProject(securityGroups()),
        inProject(ports()), projectOrGlobal(firewallRules()), projectOrGlobal(applicationPolicySets()),
        projectOrGlobal(serviceGroups()), projectOrGlobal(addressGroups()),
        cluster(virtualRouters()), cluster(bgpRouters()));
  }

  private Arbitrary<Resource> inProject(Arbitrary<? extends Spec> specs) {
    return Combinators.combine(names(), names(), labels(), specs).as((n, p, l, s) -> resource(n, p, l, s));
  }

  private Arbitrary<Resource> projectOrGlobal(Arbitrary<? extends Spec> specs) {
    return Combinators.combine(names(), names().injectNull(0.5), labels(), specs).as((n, p, l, s) -> resource(n, p, l, s));
  }

  private Arbitrary<Resource> cluster(Arbitrary<? extends Spec> specs) {
    return Combinators.combine(names(), labels(), specs).as((n, l, s) -> resource(n, null, l, s));
  }

  private static Resource resource(String name, String project, Map<String, String> labels, Spec spec) {
    return Resource.of(new Metadata(name, project, null, 0, labels), spec);
  }

  // --- names, tags, addresses

  /** Names, including ones YAML would otherwise read as numbers or booleans ("0123", "true", "no"). */
  private static Arbitrary<String> names() {
    return Arbitraries.oneOf(
            Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABC0123456789-._").ofMinLength(1).ofMaxLength(20),
            Arbitraries.of("0123", "1e5", "true", "no", "null", "on", "y", "0x1f", "1.5"))
        .filter(n -> Names.problem(n) == null);
  }

  private static Arbitrary<Map<String, String>> labels() {
    Arbitrary<String> keys = Arbitraries.strings().withChars("abcdefgz").ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMaxLength(8), Arbitraries.of("true", "42"));
    return Arbitraries.maps(keys, values).ofMaxSize(3);
  }

  private static Arbitrary<String> tags() {
    return Combinators.combine(
            Arbitraries.of("application", "tier", "deployment", "site", "label", "custom_type"),
            Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10),
            Arbitraries.of("", "", "global:"))
        .as((t, v, g) -> g + t + "=" + v);
  }

  private static Arbitrary<List<String>> tagLists() {
    return tags().list().ofMaxSize(3);
  }

  private static Arbitrary<Cidr> cidrs(boolean v6) {
    int bytes = v6 ? 16 : 4;
    return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(bytes), Arbitraries.integers().between(0, bytes * 8))
        .as((raw, len) -> new Cidr(IpAddresses.mask(address(raw), len), len));
  }

  private static Arbitrary<String> cidrText() {
    return Arbitraries.oneOf(cidrs(false), cidrs(true)).map(Cidr::toString);
  }

  private static Arbitrary<String> addresses() {
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.bytes().array(byte[].class).ofSize(16))
        .map(raw -> address(raw).getHostAddress());
  }

  private static InetAddress address(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Arbitrary<PortRange> portRanges() {
    Arbitrary<Integer> port = Arbitraries.integers().between(0, PortRange.MAX_PORT);
    return Arbitraries.oneOf(
        Arbitraries.just(PortRange.ANY),
        port.map(PortRange::single),
        Combinators.combine(port, port).as((a, b) -> new PortRange(Math.min(a, b), Math.max(a, b))));
  }

  private static Arbitrary<List<PortRange>> portLists() {
    return portRanges().list().ofMinSize(1).ofMaxSize(3);
  }

  /** Protocols with ports (so any port list is valid with them). */
  private static Arbitrary<Protocol> portProtocols() {
    return Arbitraries.of(Protocol.ANY, Protocol.TCP, Protocol.UDP, Protocol.SCTP);
  }

  private static Arbitrary<Service> services() {
    return Combinators.combine(portProtocols(), portLists(), portLists()).as(Service::new);
  }

  // --- specs

  private static Arbitrary<VirtualNetworkSpec> virtualNetworks() {
    Arbitrary<List<Subnet>> subnets = Arbitraries.of(
        List.of(), List.of(new Subnet("10.1.1.0/24")), List.of(new Subnet("10.1.0.0/24"), new Subnet("fd00::/64")),
        List.of(new Subnet("192.168.0.0/16", "192.168.0.254", null, List.of(new Subnet.AllocationPool("192.168.1.0", "192.168.1.255")), false)));
    Arbitrary<List<String>> rts = Arbitraries.integers().between(1, 65535).map(n -> "target:64512:" + n).list().ofMaxSize(2);
    return Combinators.combine(subnets, Arbitraries.of(ForwardingMode.class), Arbitraries.integers().between(1, VirtualNetworkSpec.MAX_VNI).injectNull(0.5),
            rts, rts, names().list().ofMaxSize(2), tagLists(), Arbitraries.of(true, false))
        .as((s, f, vni, rt, irt, np, tags, ext) -> new VirtualNetworkSpec(s, null, f, vni, rt, irt, List.of(), ext, !ext, false, ext, np, tags));
  }

  private static Arbitrary<PolicyAddress> policyAddresses() {
    return Arbitraries.oneOf(
        Arbitraries.oneOf(names(), Arbitraries.of("any", "local")).map(PolicyAddress::ofNetwork),
        cidrText().map(c -> new PolicyAddress(null, c, null)),
        names().map(n -> new PolicyAddress(null, null, n)));
  }

  private static Arbitrary<NetworkPolicySpec> networkPolicies() {
    Arbitrary<Mirror> mirrors = Combinators.combine(names().injectNull(0.5), addresses(), Arbitraries.integers().between(1, 65535))
        .as(Mirror::new).injectNull(0.7);
    Arbitrary<PolicyRule> rules = Combinators.combine(
            Arbitraries.of(PolicyAction.class), Arbitraries.of(true, false), mirrors, portProtocols(),
            Arbitraries.of(Direction.FORWARD, Direction.BOTH), policyAddresses(), policyAddresses(), Combinators.combine(portLists(), portLists()).as(List::of))
        .as((a, log, m, proto, dir, src, dst, ports) ->
            new PolicyRule(a, log, m, a == PolicyAction.PASS ? List.of("fw1") : List.of(), proto, dir, src, dst, ports.get(0), ports.get(1)));
    return rules.list().ofMaxSize(4).map(NetworkPolicySpec::new);
  }

  private static Arbitrary<SecurityGroupSpec> securityGroups() {
    Arbitrary<SecurityGroupRule> byCidr = Combinators.combine(Arbitraries.of(TrafficDirection.class), portProtocols(), cidrs(false).injectNull(0.1), cidrs(true), Arbitraries.of(true, false), portLists())
        .as((d, p, v4, v6, useV6, ports) -> useV6 || v4 == null
            ? new SecurityGroupRule(d, p, EtherType.IPV6, new SecurityGroupRemote(v6.toString(), null), ports)
            : new SecurityGroupRule(d, p, EtherType.IPV4, new SecurityGroupRemote(v4.toString(), null), ports));
    Arbitrary<SecurityGroupRule> byGroup = Combinators.combine(Arbitraries.of(TrafficDirection.class), Arbitraries.oneOf(names(), Arbitraries.just("local")))
        .as((d, g) -> new SecurityGroupRule(d, Protocol.ICMP, null, new SecurityGroupRemote(null, g), null));
    return Arbitraries.oneOf(byCidr, byGroup).list().ofMaxSize(4).map(SecurityGroupSpec::new);
  }

  private static Arbitrary<VirtualMachineInterfaceSpec> ports() {
    Arbitrary<String> macs = Arbitraries.bytes().array(byte[].class).ofSize(6).map(b -> {
      b[0] = (byte) ((b[0] & 0xfe) | 0x02); // unicast, locally administered
      return String.format("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
    });
    Arbitrary<AllowedAddressPair> pairs = Combinators.combine(Arbitraries.oneOf(addresses(), cidrText()), macs.injectNull(0.5), Arbitraries.of(AddressPairMode.class))
        .as(AllowedAddressPair::new);
    return Combinators.combine(names(), macs.injectNull(0.3), addresses().list().ofMaxSize(2), names().list().ofMaxSize(2),
            tagLists(), pairs.list().ofMaxSize(2), Arbitraries.of(true, false), names().injectNull(0.3))
        .as(VirtualMachineInterfaceSpec::new);
  }

  private static Arbitrary<Endpoint> endpoints() {
    return Arbitraries.oneOf(
        tags().list().ofMinSize(1).ofMaxSize(3).map(t -> new Endpoint(t, null, null, null, false)),
        names().map(n -> new Endpoint(null, n, null, null, false)),
        names().map(n -> new Endpoint(null, null, n, null, false)),
        cidrText().map(c -> new Endpoint(null, null, null, c, false)),
        Arbitraries.just(Endpoint.anything()));
  }

  private static Arbitrary<FirewallRuleSpec> firewallRules() {
    Arbitrary<String> tagTypes = Arbitraries.of("deployment", "site", "tier", "application", "my-type");
    return Combinators.combine(Arbitraries.of(PolicyAction.class), Arbitraries.of(true, false), Arbitraries.of(Direction.class),
            services().injectNull(0.3), names(), endpoints(), endpoints(), tagTypes.list().ofMaxSize(2))
        .as((a, log, d, svc, group, e1, e2, match) -> new FirewallRuleSpec(a, log, d, svc, svc == null ? group : null, e1, e2, match));
  }

  private static Arbitrary<ApplicationPolicySetSpec> applicationPolicySets() {
    Arbitrary<String> appTags = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(v -> "application=" + v);
    return Combinators.combine(appTags.injectNull(0.3), names().list().ofMaxSize(3))
        .as((t, p) -> new ApplicationPolicySetSpec(t, t == null, p));
  }

  private static Arbitrary<ServiceGroupSpec> serviceGroups() {
    return services().list().ofMinSize(1).ofMaxSize(3).map(ServiceGroupSpec::new);
  }

  private static Arbitrary<AddressGroupSpec> addressGroups() {
    return Combinators.combine(cidrText().list().ofMaxSize(3), tagLists()).as(AddressGroupSpec::new);
  }

  private static Arbitrary<VirtualRouterSpec> virtualRouters() {
    return Combinators.combine(addresses(), tagLists().map(l -> l.stream().map(TagSyntax::unqualified).toList()),
            Arbitraries.of(Encapsulation.class).set().ofMaxSize(3).map(List::copyOf))
        .as(VirtualRouterSpec::new);
  }

  private static Arbitrary<BgpRouterSpec> bgpRouters() {
    Arbitrary<Integer> holdTimes = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(3, 65535));
    Arbitrary<String> clusterIds = Arbitraries.bytes().array(byte[].class).ofSize(4).map(b -> address(b).getHostAddress());
    return Combinators.combine(addresses(), Arbitraries.longs().between(1, BgpRouterSpec.MAX_ASN), Arbitraries.integers().between(1, 65535),
            Arbitraries.of(BgpRouterType.class), Arbitraries.of(BgpFamily.class).set().ofMaxSize(6).map(List::copyOf),
            holdTimes, Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(80).filter(s -> s.chars().allMatch(c -> c >= 32 && c < 127)).injectNull(0.5),
            Arbitraries.of(true, false))
        .flatAs((addr, asn, port, type, fams, hold, key, rrc) -> Combinators.combine(clusterIds.injectNull(0.5), names().list().ofMaxSize(2))
            .as((cid, peers) -> new BgpRouterSpec(addr, asn, port, type, fams, hold, key, rrc, cid, peers)));
  }
}
