package io.weft.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.model.spec.Direction;
import io.weft.model.spec.FirewallPolicySpec;
import io.weft.model.spec.FirewallRuleSpec;
import io.weft.model.spec.PortRange;
import io.weft.model.spec.Protocol;
import io.weft.model.spec.VirtualNetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo manifests under examples/ parse, and are complete when applied in file-name order. */
class ExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final Map<ResourceKey, Resource> byKey = new HashMap<>();
  private static final List<String> problems = new ArrayList<>();

  @BeforeAll
  static void applyInOrder() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      for (Resource r : CODEC.parseAll(Files.readString(file))) {
        String where = file.getFileName() + " " + r.key();
        if (!"weft".equals(r.metadata().labels().get("demo"))) problems.add(where + ": no label demo=weft");
        if (r.metadata().project() != null && !byKey.containsKey(new ResourceKey(Kind.PROJECT, null, r.metadata().project()))) {
          problems.add(where + ": project " + r.metadata().project() + " is not defined earlier");
        }
        for (Reference ref : r.references()) {
          if (!byKey.containsKey(ref.key())) problems.add(where + " " + ref.field() + ": " + ref.key() + " is not defined earlier");
        }
        if (byKey.put(r.key(), r) != null) problems.add(where + ": defined twice");
      }
    }
  }

  @Test
  void everyWeakReferenceResolvesOnceAllIsApplied() {
    assertThat(byKey.values().stream().flatMap(r -> r.weakReferences().stream()).filter(ref -> !byKey.containsKey(ref.key())).toList())
        .isEmpty();
  }

  @Test
  void everyReferenceResolvesToAnEarlierResource() {
    assertThat(problems).isEmpty();
    assertThat(byKey).hasSizeGreaterThan(40);
  }

  @Test
  void financePortalIsTheExampleOfTheSystemDescription() {
    var policy = (FirewallPolicySpec) get(Kind.FIREWALL_POLICY, "finance", "Portal-3-Tier").spec();
    assertThat(policy.rules()).containsExactly("web-to-app", "app-to-db");

    var webToApp = (FirewallRuleSpec) get(Kind.FIREWALL_RULE, "finance", "web-to-app").spec();
    assertThat(webToApp.endpoint1().tags()).containsExactly("tier=web");
    assertThat(webToApp.endpoint2().tags()).containsExactly("tier=app");
    assertThat(webToApp.service().protocol()).isEqualTo(Protocol.TCP);
    assertThat(webToApp.service().destinationPorts()).containsExactly(PortRange.single(8080));
    assertThat(webToApp.direction()).isEqualTo(Direction.FORWARD);
    assertThat(webToApp.matchTags()).containsExactly("deployment");

    var appToDb = (FirewallRuleSpec) get(Kind.FIREWALL_RULE, "finance", "app-to-db").spec();
    assertThat(appToDb.service().destinationPorts()).containsExactly(PortRange.single(1521), PortRange.single(1630));
    assertThat(appToDb.matchTags()).containsExactly("deployment");

    assertThat(get(Kind.APPLICATION_POLICY_SET, "finance", "finance-portal").references())
        .extracting(Reference::key)
        .contains(new ResourceKey(Kind.TAG, "finance", "application=FinancePortal"),
            new ResourceKey(Kind.FIREWALL_POLICY, "finance", "Portal-3-Tier"));
  }

  @Test
  void redAndGreenShareOnePolicy() {
    for (String network : List.of("red", "green")) {
      var spec = (VirtualNetworkSpec) get(Kind.VIRTUAL_NETWORK, "demo", network).spec();
      assertThat(spec.networkPolicies()).containsExactly("red-green");
    }
  }

  private static Resource get(Kind kind, String project, String name) {
    Resource r = byKey.get(new ResourceKey(kind, project, name));
    assertThat(r).as(kind + "/" + project + "/" + name).isNotNull();
    return r;
  }
}
