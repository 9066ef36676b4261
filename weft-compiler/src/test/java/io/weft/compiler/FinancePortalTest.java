package io.weft.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.rules.Endpoint;
import io.weft.model.derived.rules.Flow;
import io.weft.model.derived.rules.Protocols;
import io.weft.policy.Decision;
import io.weft.policy.PolicyEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FinancePortal example of SYSTEM.md §2, from the repository's examples/, compiled and
 * then decided by the one evaluator: web→app TCP 8080 and app→db TCP 1521/1630 pass within a
 * deployment; every other pair, port and anything across deployments is denied.
 */
class FinancePortalTest {
  private static final List<String> STACKS = List.of("prod", "dev");
  private static final List<String> TIERS = List.of("web", "app", "db");
  private static final int[] PORTS = {8080, 1521, 1630, 22, 80, 443};
  private static Map<ResourceKey, Resource> compiled;
  private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

  @BeforeAll
  static void compile() throws IOException {
    List<Resource> resources = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        resources.addAll(Yaml.CODEC.parseAll(Files.readString(f)));
      }
    }
    compiled = Compiler.full(resources);
  }

  static Stream<Arguments> flows() {
    List<Arguments> out = new ArrayList<>();
    for (String s1 : STACKS) for (String t1 : TIERS) for (String s2 : STACKS) for (String t2 : TIERS) {
      if (s1.equals(s2) && t1.equals(t2)) continue;
      for (int port : PORTS) {
        boolean allowed = s1.equals(s2)
            && ((t1.equals("web") && t2.equals("app") && port == 8080)
                || (t1.equals("app") && t2.equals("db") && (port == 1521 || port == 1630)));
        out.add(Arguments.of(s1 + "-" + t1 + "-1", s2 + "-" + t2 + "-1", port, allowed));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} tcp/{2}: allowed={3}")
  @MethodSource("flows")
  void decides(String from, String to, int port, boolean allowed) {
    PortConfigSpec src = Yaml.pc(compiled, "finance", from);
    PortConfigSpec dst = Yaml.pc(compiled, "finance", to);
    Flow flow = new Flow(endpoint(src, 1), endpoint(dst, 2), Protocols.TCP, 40000, port);
    Decision d = EVALUATOR.evaluate(flow, src.policy(), dst.policy());
    assertThat(d.allowed()).as(d::toString).isEqualTo(allowed);
  }

  /** The port as a flow endpoint; ports without an admitted address get one from their subnet. */
  private static Endpoint endpoint(PortConfigSpec pc, int host) {
    String address = pc.addresses().isEmpty()
        ? (pc.routingInstance().endsWith("production") ? "10.10.1." : "10.20.1.") + (10 + host + pc.port().length())
        : pc.addresses().getFirst().address();
    return new Endpoint(address, pc.routingInstance(), pc.tags(), pc.securityGroups());
  }
}
