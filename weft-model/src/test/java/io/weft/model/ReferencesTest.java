package io.weft.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What each kind refers to: the right Kind, project resolution, global prefix, field path. */
class ReferencesTest {
  private final ResourceCodec codec = new ResourceCodec();

  private Resource parse(String yaml) {
    return codec.parse(yaml);
  }

  @Test
  void portRefersToItsNetworkGroupsTagsAndHost() {
    Resource port = parse("""
        apiVersion: weft/v1
        kind: VirtualMachineInterface
        metadata: {name: web-1, project: finance}
        spec:
          network: prod
          securityGroups: [default, shared/common]
          tags: [tier=web, "global:site=east"]
          virtualRouter: compute-1
        """);
    assertThat(port.references()).containsExactly(
        new Reference(Kind.VIRTUAL_NETWORK, "finance", "prod", "spec.network"),
        new Reference(Kind.SECURITY_GROUP, "finance", "default", "spec.securityGroups[0]"),
        new Reference(Kind.SECURITY_GROUP, "shared", "common", "spec.securityGroups[1]"),
        new Reference(Kind.TAG, "finance", "tier=web", "spec.tags[0]"),
        new Reference(Kind.TAG, null, "site=east", "spec.tags[1]"),
        new Reference(Kind.VIRTUAL_ROUTER, null, "compute-1", "spec.virtualRouter"));
  }

  @Test
  void networkPolicyRuleAddressesAreWeakAndSkipAnyAndLocal() {
    Resource np = parse("""
        apiVersion: weft/v1
        kind: NetworkPolicy
        metadata: {name: np, project: demo}
        spec:
          rules:
            - {action: pass, source: {network: any}, destination: {network: local}}
            - {action: pass, source: {network: red}, destination: {securityGroup: web}}
        """);
    assertThat(np.references()).isEmpty();
    assertThat(np.weakReferences()).containsExactly(
        new Reference(Kind.VIRTUAL_NETWORK, "demo", "red", "spec.rules[1].source.network"),
        new Reference(Kind.SECURITY_GROUP, "demo", "web", "spec.rules[1].destination.securityGroup"));
  }

  @Test
  void securityGroupRemotesAreWeakAndLocalIsNone() {
    Resource sg = parse("""
        apiVersion: weft/v1
        kind: SecurityGroup
        metadata: {name: web, project: demo}
        spec:
          rules:
            - {direction: ingress, remote: {securityGroup: local}}
            - {direction: ingress, remote: {securityGroup: admin}}
        """);
    assertThat(sg.references()).isEmpty();
    assertThat(sg.weakReferences()).containsExactly(
        new Reference(Kind.SECURITY_GROUP, "demo", "admin", "spec.rules[1].remote.securityGroup"));
  }

  @Test
  void globalFirewallRuleRefersToGlobalTagsAndGroups() {
    Resource rule = parse("""
        apiVersion: weft/v1
        kind: FirewallRule
        metadata: {name: r}
        spec: {action: pass, serviceGroup: web, endpoint1: {tags: [tier=web]}, endpoint2: {addressGroup: partners}}
        """);
    assertThat(rule.references()).containsExactly(
        new Reference(Kind.SERVICE_GROUP, null, "web", "spec.serviceGroup"),
        new Reference(Kind.TAG, null, "tier=web", "spec.endpoint1.tags[0]"),
        new Reference(Kind.ADDRESS_GROUP, null, "partners", "spec.endpoint2.addressGroup"));
  }

  @Test
  void projectFirewallRuleMayNameGlobalOnes() {
    Resource rule = parse("""
        apiVersion: weft/v1
        kind: FirewallRule
        metadata: {name: r, project: finance}
        spec: {action: deny, endpoint1: {network: red}, endpoint2: {addressGroup: "global:partners"}}
        """);
    assertThat(rule.references()).containsExactly(
        new Reference(Kind.VIRTUAL_NETWORK, "finance", "red", "spec.endpoint1.network"),
        new Reference(Kind.ADDRESS_GROUP, null, "partners", "spec.endpoint2.addressGroup"));
  }

  @Test
  void applicationPolicySetRefersToItsTagAndPolicies() {
    Resource aps = parse("""
        apiVersion: weft/v1
        kind: ApplicationPolicySet
        metadata: {name: portal, project: finance}
        spec: {applicationTag: application=FinancePortal, firewallPolicies: [Portal-3-Tier, "global:baseline"]}
        """);
    assertThat(aps.references()).containsExactly(
        new Reference(Kind.TAG, "finance", "application=FinancePortal", "spec.applicationTag"),
        new Reference(Kind.FIREWALL_POLICY, "finance", "Portal-3-Tier", "spec.firewallPolicies[0]"),
        new Reference(Kind.FIREWALL_POLICY, null, "baseline", "spec.firewallPolicies[1]"));
  }

  @Test
  void clusterKindsReferToGlobalAndClusterResources() {
    Resource vr = parse("""
        apiVersion: weft/v1
        kind: VirtualRouter
        metadata: {name: compute-1}
        spec: {address: 10.0.0.11, tags: [site=east]}
        """);
    assertThat(vr.references()).containsExactly(new Reference(Kind.TAG, null, "site=east", "spec.tags[0]"));
    Resource bgp = parse("""
        apiVersion: weft/v1
        kind: BgpRouter
        metadata: {name: gw}
        spec: {address: 10.0.0.254, asn: 64512, peers: [control-1]}
        """);
    assertThat(bgp.references()).containsExactly(new Reference(Kind.BGP_ROUTER, null, "control-1", "spec.peers[0]"));
  }

  @Test
  void instanceIpAndNetworkReferences() {
    Resource iip = parse("""
        apiVersion: weft/v1
        kind: InstanceIp
        metadata: {name: ip1, project: demo}
        spec: {network: red, port: red-1}
        """);
    assertThat(iip.references()).containsExactly(
        new Reference(Kind.VIRTUAL_NETWORK, "demo", "red", "spec.network"),
        new Reference(Kind.VIRTUAL_MACHINE_INTERFACE, "demo", "red-1", "spec.port"));
    Resource vn = parse("""
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: red, project: demo}
        spec: {ipam: ipam1, networkPolicies: [red-green]}
        """);
    assertThat(vn.references()).containsExactly(
        new Reference(Kind.NETWORK_IPAM, "demo", "ipam1", "spec.ipam"),
        new Reference(Kind.NETWORK_POLICY, "demo", "red-green", "spec.networkPolicies[0]"));
  }

  @Test
  void referenceSyntaxRules() {
    assertThat(ReferenceSyntax.problem(Kind.VIRTUAL_NETWORK, "global:red")).contains("never global");
    assertThat(ReferenceSyntax.problem(Kind.TAG, "global:tier=web")).isNull();
    assertThat(ReferenceSyntax.problem(Kind.TAG, "tier")).contains("type=value");
    assertThat(ReferenceSyntax.problem(Kind.VIRTUAL_NETWORK, "bad project/red")).contains("invalid project");
    assertThat(ReferenceSyntax.problem(Kind.VIRTUAL_ROUTER, "a/b")).contains("not a valid name");
    assertThat(ReferenceSyntax.resolve(Kind.FIREWALL_RULE, null, "r1", "f")).isEqualTo(new Reference(Kind.FIREWALL_RULE, null, "r1", "f"));
  }

  @Test
  void kindsAreFoundByEveryName() {
    assertThat(Kind.lookup("port")).contains(Kind.VIRTUAL_MACHINE_INTERFACE);
    assertThat(Kind.lookup("vmi")).contains(Kind.VIRTUAL_MACHINE_INTERFACE);
    assertThat(Kind.lookup("NetworkPolicies")).contains(Kind.NETWORK_POLICY);
    assertThat(Kind.lookup("addressgroups")).contains(Kind.ADDRESS_GROUP);
    assertThat(Kind.lookup("fwr")).contains(Kind.FIREWALL_RULE);
    assertThat(Kind.lookup("bgprouter")).contains(Kind.BGP_ROUTER);
    assertThat(Kind.FIREWALL_POLICY.plural()).isEqualTo("firewallpolicies");
    assertThat(Kind.VIRTUAL_ROUTER.scope()).isEqualTo(Scope.CLUSTER);
    assertThat(Kind.SERVICE_GROUP.scope()).isEqualTo(Scope.PROJECT_OR_GLOBAL);
  }
}
