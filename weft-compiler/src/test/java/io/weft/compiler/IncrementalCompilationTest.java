package io.weft.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random sequences of resource changes (creates, updates and deletes of networks,
 * policies, ports, groups, tags and application policy), applying them one batch at a time
 * gives exactly what a full compile of the final state gives (with the pool assignments the
 * routing instances carry), and two full compiles of the same input are identical.
 */
class IncrementalCompilationTest {
  private static final List<String> PROJECTS = List.of("p1", "p2");
  private static final List<String> NETS = List.of("n1", "n2", "n3");
  private static final List<String> POLICIES = List.of("np1", "np2");
  private static final List<String> PORTS = List.of("v1", "v2", "v3");
  private static final List<String> TAGS = List.of("tier=web", "tier=app", "deployment=prod", "deployment=dev", "application=a", "label=x");

  sealed interface Op {}

  record Put(String yaml) implements Op {}

  record Del(ResourceKey key) implements Op {}

  @Property(tries = 300)
  void incrementalEqualsFull(@ForAll("sequences") List<List<Op>> batches) {
    Compiler incremental = new Compiler();
    Map<ResourceKey, Resource> state = new TreeMap<>();
    for (List<Op> batch : batches) {
      List<Change> changes = new ArrayList<>();
      for (Op op : batch) {
        switch (op) {
          case Put p -> {
            Resource r = Yaml.parse(p.yaml()).getFirst();
            state.put(r.key(), r);
            changes.add(new Change.Upsert(r));
          }
          case Del d -> {
            state.remove(d.key());
            changes.add(new Change.Removal(d.key()));
          }
        }
      }
      incremental.apply(changes);
    }
    List<Resource> input = new ArrayList<>(state.values());
    input.addAll(incremental.derived().values());
    Map<ResourceKey, Resource> full = Compiler.full(input);
    assertThat(incremental.derived()).isEqualTo(full);
    assertThat(Compiler.full(input)).isEqualTo(full);
  }

  /** Regression: a VNI passing to a new holder changes the problem of every other waiter. */
  @net.jqwik.api.Example
  void waitersForAFixedVniFollowItsHolder() {
    List<List<Op>> batches = List.of(
        List.of(network("p1", "n1", "vni: 7000, ")),
        List.of(network("p1", "n2", "")),
        List.of(network("p1", "n2", "vni: 7000, ")),
        List.of(network("p2", "n1", "vni: 7000, ")),
        List.of(network("p1", "n1", "")));
    incrementalEqualsFull(batches);
  }

  private static Op network(String project, String name, String vni) {
    return new Put("apiVersion: weft/v1\nkind: VirtualNetwork\nmetadata: {name: " + name + ", project: " + project
        + "}\nspec: {" + vni + "subnets: [{cidr: 10.1.1.0/24}]}\n");
  }

  @Provide
  Arbitrary<List<List<Op>>> sequences() {
    return op().list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(12);
  }

  private Arbitrary<Op> op() {
    return Arbitraries.oneOf(network(), policy(), port(), securityGroup(), project(), aps(), firewallPolicy(), firewallRule(), delete());
  }

  private static Arbitrary<Op> project() {
    return Combinators.combine(Arbitraries.of(PROJECTS), tags()).as((p, t) -> """
        apiVersion: weft/v1
        kind: Project
        metadata: {name: %s}
        spec: {tags: %s}
        """.formatted(p, t)).map(y -> (Op) new Put(y));
  }

  private static Arbitrary<String> tags() {
    return Arbitraries.of(TAGS).list().ofMaxSize(3).uniqueElements().map(l -> l.toString());
  }

  private static Arbitrary<Op> network() {
    Arbitrary<String> vni = Arbitraries.of("", "vni: 5000, ", "vni: 5001, ", "vni: 7000, ");
    Arbitrary<String> policies = Arbitraries.of(POLICIES).list().ofMaxSize(2).uniqueElements().map(List::toString);
    return Combinators.combine(Arbitraries.of(PROJECTS), Arbitraries.of(NETS), vni, policies, tags(), Arbitraries.of("10.1.1.0/24", "10.2.0.0/16"))
        .as((p, n, v, pol, t, cidr) -> (Op) new Put("""
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: %s, project: %s}
            spec: {%ssubnets: [{cidr: %s}], networkPolicies: %s, tags: %s}
            """.formatted(n, p, v, cidr, pol, t)));
  }

  private static Arbitrary<Op> policy() {
    Arbitrary<String> end = Arbitraries.of("{network: local}", "{network: any}", "{network: n1}", "{network: n2}", "{network: n3}",
        "{network: p2/n1}", "{cidr: 10.0.0.0/8}");
    Arbitrary<String> rule = Combinators.combine(Arbitraries.of("pass", "deny"), end, end, Arbitraries.of(">", "<>"))
        .as((a, s, d, dir) -> "{action: %s, direction: \"%s\", source: %s, destination: %s}".formatted(a, dir, s, d));
    return Combinators.combine(Arbitraries.of(PROJECTS), Arbitraries.of(POLICIES), rule.list().ofMaxSize(3))
        .as((p, n, rules) -> (Op) new Put("""
            apiVersion: weft/v1
            kind: NetworkPolicy
            metadata: {name: %s, project: %s}
            spec: {rules: [%s]}
            """.formatted(n, p, String.join(", ", rules))));
  }

  private static Arbitrary<Op> port() {
    Arbitrary<String> sgs = Arbitraries.of("sg1", "sg2").list().ofMaxSize(2).uniqueElements().map(List::toString);
    return Combinators.combine(Arbitraries.of(PROJECTS), Arbitraries.of(PORTS), Arbitraries.of(NETS), tags(), sgs)
        .as((p, n, net, t, sg) -> (Op) new Put("""
            apiVersion: weft/v1
            kind: VirtualMachineInterface
            metadata: {name: %s, project: %s, uid: %s}
            spec: {network: %s, tags: %s, securityGroups: %s}
            """.formatted(n, p, p + "-" + n, net, t, sg)));
  }

  private static Arbitrary<Op> securityGroup() {
    Arbitrary<String> rule = Arbitraries.of(
        "{direction: ingress, remote: {securityGroup: local}}",
        "{direction: ingress, protocol: tcp, remote: {cidr: 0.0.0.0/0}, ports: [443]}",
        "{direction: egress, remote: {securityGroup: sg2}}");
    return Combinators.combine(Arbitraries.of(PROJECTS), Arbitraries.of("sg1", "sg2"), rule.list().ofMaxSize(2))
        .as((p, n, rules) -> (Op) new Put("""
            apiVersion: weft/v1
            kind: SecurityGroup
            metadata: {name: %s, project: %s}
            spec: {rules: [%s]}
            """.formatted(n, p, String.join(", ", rules))));
  }

  private static Arbitrary<Op> aps() {
    Arbitrary<String> binding = Arbitraries.of("applicationTag: application=a", "global: true");
    Arbitrary<String> where = Arbitraries.of("project: p1", "project: p2", "");
    return Combinators.combine(where, binding, Arbitraries.of("fp1", "global:fp1").list().ofMaxSize(2).uniqueElements())
        .as((w, b, fps) -> (Op) new Put("""
            apiVersion: weft/v1
            kind: ApplicationPolicySet
            metadata: {name: aps1%s}
            spec: {%s, firewallPolicies: %s}
            """.formatted(w.isEmpty() ? "" : ", " + w, b, w.isEmpty() ? fps.stream().map(f -> f.replace("global:", "")).distinct().toList() : fps)));
  }

  private static Arbitrary<Op> firewallPolicy() {
    return Combinators.combine(Arbitraries.of("project: p1", "project: p2", ""), Arbitraries.of("fr1", "fr2").list().ofMaxSize(2).uniqueElements())
        .as((w, rules) -> (Op) new Put("""
            apiVersion: weft/v1
            kind: FirewallPolicy
            metadata: {name: fp1%s}
            spec: {rules: %s}
            """.formatted(w.isEmpty() ? "" : ", " + w, rules)));
  }

  private static Arbitrary<Op> firewallRule() {
    return Combinators.combine(Arbitraries.of("project: p1", "project: p2", ""), Arbitraries.of("fr1", "fr2"),
            Arbitraries.of("{tags: [tier=web]}", "{any: true}", "{network: n1}"), Arbitraries.of("[deployment]", "[]"))
        .as((w, n, e, m) -> (Op) new Put("""
            apiVersion: weft/v1
            kind: FirewallRule
            metadata: {name: %s%s}
            spec: {action: pass, endpoint1: %s, endpoint2: {tags: [tier=app]}, service: {protocol: tcp, destinationPorts: [8080]}, matchTags: %s}
            """.formatted(n, w.isEmpty() ? "" : ", " + w, w.isEmpty() && e.contains("network") ? "{any: true}" : e, m)));
  }

  private static Arbitrary<Op> delete() {
    Arbitrary<String> kindName = Arbitraries.of("VirtualNetwork", "NetworkPolicy", "VirtualMachineInterface", "SecurityGroup", "Project");
    return Combinators.combine(kindName, Arbitraries.of(PROJECTS), Arbitraries.of("n1", "n2", "np1", "v1", "v2", "sg1", "p1"))
        .as((k, p, n) -> {
          var kind = io.weft.model.Kind.fromKindName(k).orElseThrow();
          return (Op) new Del(new ResourceKey(kind, p, kind == io.weft.model.Kind.PROJECT ? p : n));
        });
  }
}
