package io.weft.compiler;

import static io.weft.compiler.Yaml.pc;
import static io.weft.compiler.Yaml.ri;
import static io.weft.compiler.Yaml.rt;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.derived.rules.EndpointMatch;
import io.weft.model.derived.rules.FlowDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven cases: intent in, derived objects out (ARCHITECTURE.md "How it is tested"). */
class CompilerCasesTest {
  private static final String BASE = """
      apiVersion: weft/v1
      kind: Project
      metadata: {name: p}
      spec: {tags: [site=east, deployment=prod, label=a]}
      ---
      apiVersion: weft/v1
      kind: VirtualRouter
      metadata: {name: host-1}
      spec: {address: 10.0.0.11, tags: [site=west]}
      """;

  private static final String RED_GREEN = """
      ---
      apiVersion: weft/v1
      kind: VirtualNetwork
      metadata: {name: red, project: p}
      spec: {subnets: [{cidr: 10.1.1.0/24}], networkPolicies: %s}
      ---
      apiVersion: weft/v1
      kind: VirtualNetwork
      metadata: {name: green, project: p}
      spec: {subnets: [{cidr: 10.2.2.0/24}], networkPolicies: %s}
      ---
      apiVersion: weft/v1
      kind: NetworkPolicy
      metadata: {name: red-green, project: p}
      spec:
        rules:
          - {action: pass, protocol: tcp, source: {network: red}, destination: {network: green}, destinationPorts: [80]}
      """;

  static Stream<Arguments> cases() {
    // Networks are compiled in key order: green gets 8000000, red 8000001.
    int green = 8_000_000;
    int red = 8_000_001;
    return Stream.of(
        Arguments.of("isolated by default", BASE + RED_GREEN.formatted("[]", "[]"), (Consumer<Map<ResourceKey, Resource>>) out -> {
          assertThat(ri(out, "p", "red").importRouteTargets()).containsExactly(rt(red));
          assertThat(ri(out, "p", "red").exportRouteTargets()).containsExactly(rt(red));
          assertThat(ri(out, "p", "green").importRouteTargets()).containsExactly(rt(green));
          assertThat(ri(out, "p", "red").connections()).isEmpty();
        }),
        Arguments.of("policy attached to one network only: no leak", BASE + RED_GREEN.formatted("[red-green]", "[]"),
            (Consumer<Map<ResourceKey, Resource>>) out -> {
              assertThat(ri(out, "p", "red").importRouteTargets()).containsExactly(rt(red));
              assertThat(ri(out, "p", "green").importRouteTargets()).containsExactly(rt(green));
              // The rules still become red's list.
              assertThat(ri(out, "p", "red").networkPolicy().rules()).hasSize(1);
              assertThat(ri(out, "p", "green").networkPolicy().rules()).isEmpty();
            }),
        Arguments.of("policy attached to both: each imports the other's target", BASE + RED_GREEN.formatted("[red-green]", "[red-green]"),
            (Consumer<Map<ResourceKey, Resource>>) out -> {
              assertThat(ri(out, "p", "red").importRouteTargets()).containsExactly(rt(green), rt(red));
              assertThat(ri(out, "p", "green").importRouteTargets()).containsExactly(rt(green), rt(red));
              assertThat(ri(out, "p", "red").exportRouteTargets()).containsExactly(rt(red));
              assertThat(ri(out, "p", "red").connections()).containsExactly("p/green");
              var rule = ri(out, "p", "red").networkPolicy().rules().getFirst();
              assertThat(rule.src()).containsExactly(EndpointMatch.network("p/red"));
              assertThat(rule.dst()).containsExactly(EndpointMatch.network("p/green"));
              assertThat(rule.protocol()).isEqualTo(6);
              assertThat(rule.direction()).isEqualTo(FlowDirection.BOTH);
            }),
        Arguments.of("deny rule joins nothing", BASE + RED_GREEN.formatted("[red-green]", "[red-green]").replace("action: pass", "action: deny"),
            (Consumer<Map<ResourceKey, Resource>>) out -> assertThat(ri(out, "p", "red").importRouteTargets()).containsExactly(rt(red))),
        Arguments.of("service chain joins nothing directly",
            BASE + RED_GREEN.formatted("[red-green]", "[red-green]").replace("action: pass,", "action: pass, applyService: [fw],"),
            (Consumer<Map<ResourceKey, Resource>>) out -> assertThat(ri(out, "p", "red").connections()).isEmpty()),
        Arguments.of("any expands to the project's networks", BASE + RED_GREEN.formatted("[any-any]", "[any-any]") + """
            ---
            apiVersion: weft/v1
            kind: NetworkPolicy
            metadata: {name: any-any, project: p}
            spec: {rules: [{action: pass, source: {network: local}, destination: {network: any}}]}
            """, (Consumer<Map<ResourceKey, Resource>>) out -> assertThat(ri(out, "p", "red").connections()).containsExactly("p/green")),
        Arguments.of("tags: inherited project -> network -> host -> port, lower overrides, labels accumulate", BASE + """
            ---
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: net, project: p}
            spec: {subnets: [{cidr: 10.9.0.0/24}], tags: [deployment=dev, tier=web]}
            ---
            apiVersion: weft/v1
            kind: VirtualMachineInterface
            metadata: {name: port, project: p}
            spec: {network: net, tags: [tier=db, label=b], virtualRouter: host-1}
            """, (Consumer<Map<ResourceKey, Resource>>) out -> {
              var pc = pc(out, "p", "port");
              assertThat(pc.tags()).containsExactly("deployment=dev", "label=a", "label=b", "site=west", "tier=db");
              assertThat(pc.host()).isEqualTo("10.0.0.11");
              assertThat(pc.routingInstance()).isEqualTo("p/net");
              assertThat(pc.macAddress()).startsWith("02:");
            }),
        Arguments.of("security groups: rules split by direction, local resolved, none means unfiltered", BASE + """
            ---
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: net, project: p}
            spec: {subnets: [{cidr: 10.9.0.0/24}]}
            ---
            apiVersion: weft/v1
            kind: SecurityGroup
            metadata: {name: web, project: p}
            spec:
              rules:
                - {direction: ingress, remote: {securityGroup: local}}
                - {direction: ingress, protocol: tcp, remote: {cidr: 0.0.0.0/0}, ports: [443]}
            ---
            apiVersion: weft/v1
            kind: VirtualMachineInterface
            metadata: {name: guarded, project: p}
            spec: {network: net, securityGroups: [web]}
            ---
            apiVersion: weft/v1
            kind: VirtualMachineInterface
            metadata: {name: open, project: p}
            spec: {network: net}
            """, (Consumer<Map<ResourceKey, Resource>>) out -> {
              var sg = pc(out, "p", "guarded").policy().securityGroups();
              assertThat(sg.groups()).containsExactly("p/web");
              assertThat(sg.ingress()).hasSize(2);
              assertThat(sg.ingress().getFirst().remote()).isEqualTo(EndpointMatch.securityGroup("p/web"));
              // No egress rule at all: the evaluator's default allow egress applies.
              assertThat(sg.egress()).isEmpty();
              assertThat(pc(out, "p", "open").policy().securityGroups().groups()).isEmpty();
            }),
        Arguments.of("fixed VNI honoured, automatic ones from 5000", BASE + """
            ---
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: a, project: p}
            spec: {vni: 5000}
            ---
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: b, project: p}
            spec: {}
            """, (Consumer<Map<ResourceKey, Resource>>) out -> {
              assertThat(ri(out, "p", "a").vni()).isEqualTo(5000);
              assertThat(ri(out, "p", "b").vni()).isEqualTo(5001);
            }),
        Arguments.of("two networks fixing one VNI: the second is refused clearly", BASE + """
            ---
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: a, project: p}
            spec: {vni: 7000}
            ---
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: b, project: p}
            spec: {vni: 7000}
            """, (Consumer<Map<ResourceKey, Resource>>) out -> {
              assertThat(ri(out, "p", "a").vni()).isEqualTo(7000);
              assertThat(ri(out, "p", "b").vni()).isZero();
              assertThat(out.get(new ResourceKey(Kind.ROUTING_INSTANCE, "p", "b")).status().get("problems").get(0).asText())
                  .contains("vni 7000 is already used by network p/a");
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compiles(String name, String yaml, Consumer<Map<ResourceKey, Resource>> expect) {
    Map<ResourceKey, Resource> out = Compiler.full(Yaml.parse(yaml));
    expect.accept(out);
    assertThat(Compiler.full(Yaml.parse(yaml))).as("deterministic").isEqualTo(out);
  }

  @Test
  void allocationsStayStableAcrossChangesAndRestarts() {
    Compiler c = new Compiler();
    List<Resource> nets = Yaml.parse(BASE + RED_GREEN.formatted("[]", "[]"));
    c.apply(nets.stream().map(r -> (Change) new Change.Upsert(r)).toList());
    int redRt = rtNumber(c, "red");
    int greenRt = rtNumber(c, "green");
    // Delete green, add blue: blue takes the lowest free number (green's), red keeps its own.
    c.apply(List.of(new Change.Removal(new ResourceKey(Kind.VIRTUAL_NETWORK, "p", "green"))));
    c.apply(List.of(new Change.Upsert(Yaml.parse("""
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: blue, project: p}
        spec: {}
        """).getFirst())));
    assertThat(rtNumber(c, "red")).isEqualTo(redRt);
    assertThat(rtNumber(c, "blue")).isEqualTo(greenRt);

    // A restart: a fresh compiler seeded from the persisted routing instances gives the same numbers,
    // although a from-scratch order (blue < red) would have swapped them.
    List<Resource> all = new ArrayList<>(c.derived().values());
    all.addAll(nets.stream().filter(r -> !r.metadata().name().equals("green")).toList());
    all.add(Yaml.parse("""
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: blue, project: p}
        spec: {}
        """).getFirst());
    assertThat(Compiler.full(all)).isEqualTo(c.derived());
  }

  @Test
  void fixedVniTakesOverAnAutomaticOneWhichMoves() {
    Compiler c = new Compiler();
    c.apply(Yaml.parse(BASE + """
        ---
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: auto, project: p}
        spec: {}
        """).stream().map(r -> (Change) new Change.Upsert(r)).toList());
    assertThat(ri(c.derived(), "p", "auto").vni()).isEqualTo(5000);
    Delta d = c.apply(List.of(new Change.Upsert(Yaml.parse("""
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: fixed, project: p}
        spec: {vni: 5000}
        """).getFirst())));
    assertThat(d.upserts()).extracting(r -> r.metadata().name()).containsExactly("auto", "fixed");
    assertThat(ri(c.derived(), "p", "fixed").vni()).isEqualTo(5000);
    assertThat(ri(c.derived(), "p", "auto").vni()).isEqualTo(5001);
  }

  private static int rtNumber(Compiler c, String network) {
    return c.derived(new ResourceKey(Kind.ROUTING_INSTANCE, "p", network)).status().get("routeTargetNumber").asInt();
  }
}
