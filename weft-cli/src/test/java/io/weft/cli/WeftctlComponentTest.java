package io.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weftctl against a real config server and SQLite store, in-process. */
class WeftctlComponentTest {
  private static final String NETWORKS = """
      apiVersion: weft/v1
      kind: Project
      metadata: {name: finance, labels: {app: test}}
      spec: {description: money}
      ---
      apiVersion: weft/v1
      kind: VirtualNetwork
      metadata: {name: red, project: finance, labels: {app: test}}
      spec: {subnets: [{cidr: 10.1.1.0/24}]}
      ---
      apiVersion: weft/v1
      kind: VirtualNetwork
      metadata: {name: blue, project: finance, labels: {app: test}}
      spec: {subnets: [{cidr: 10.1.2.0/24}]}
      """;

  @TempDir Path dir;
  private SqliteStore store;
  private ConfigServer server;
  private Cli cli;
  private final ResourceCodec codec = new ResourceCodec();

  @BeforeEach
  void start() {
    startServer(null);
  }

  private void startServer(String token) {
    PrometheusRegistry registry = new PrometheusRegistry();
    store = new SqliteStore(dir.resolve("weft.db"), 100_000, registry);
    server = new ConfigServer(store, registry, "127.0.0.1", 0, token).start();
    cli = new Cli("http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  @Test
  void applyCreatesThenReportsUnchanged() throws IOException {
    Path file = write("networks.yaml", NETWORKS);

    Cli.Result first = cli.run("apply", "-f", file.toString());
    Cli.Result second = cli.run("apply", "-f", file.toString());

    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out().lines()).containsExactly(
        "project/finance created", "virtualnetwork/finance/red created", "virtualnetwork/finance/blue created");
    assertThat(second.code()).as(second.toString()).isZero();
    assertThat(second.out().lines()).containsExactly(
        "project/finance unchanged", "virtualnetwork/finance/red unchanged", "virtualnetwork/finance/blue unchanged");
  }

  @Test
  void changedSpecOrLabelsIsConfigured() throws IOException {
    Path file = write("networks.yaml", NETWORKS);
    cli.run("apply", "-f", file.toString());
    write("networks.yaml", NETWORKS.replace("10.1.1.0/24", "10.1.3.0/24").replace("{name: blue, project: finance, labels: {app: test}}",
        "{name: blue, project: finance, labels: {app: test, tier: web}}"));

    Cli.Result r = cli.run("apply", "-f", file.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "project/finance unchanged", "virtualnetwork/finance/red configured", "virtualnetwork/finance/blue configured");
    Cli.Result get = cli.run("get", "vn", "red", "-n", "finance", "-o", "yaml");
    assertThat(codec.parse(get.out()).spec().toString()).contains("10.1.3.0/24");
  }

  @Test
  void dryRunChangesNothingAndPrintsTheDiff() throws IOException {
    Path file = write("networks.yaml", NETWORKS);
    cli.run("apply", "-f", file.toString());
    write("networks.yaml", NETWORKS.replace("10.1.1.0/24", "10.1.3.0/24") + """
        ---
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: green, project: finance, labels: {app: test}}
        spec: {subnets: [{cidr: 10.1.4.0/24}]}
        """);

    Cli.Result r = cli.run("apply", "--dry-run", "-f", file.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains(
        "project/finance unchanged\n",
        "would configure virtualnetwork/finance/red\n",
        "--- virtualnetwork/finance/red (live)\n",
        "+++ virtualnetwork/finance/red (file)\n",
        "-  - cidr: 10.1.1.0/24\n",
        "+  - cidr: 10.1.3.0/24\n",
        "virtualnetwork/finance/blue unchanged\n",
        "would create virtualnetwork/finance/green\n");
    assertThat(cli.run("get", "vn", "red", "-n", "finance", "-o", "json").out()).contains("10.1.1.0/24");
    assertThat(cli.run("get", "vn", "green", "-n", "finance").code()).isEqualTo(1);
  }

  @Test
  void pruneDeletesWhatTheFilesNoLongerHoldAndOnlyWithinTheSelector() throws IOException {
    Path file = write("networks.yaml", NETWORKS);
    cli.run("apply", "-f", file.toString());
    Path other = write("other.yaml", """
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: unmanaged, project: finance}
        spec: {subnets: [{cidr: 10.9.0.0/24}]}
        """);
    cli.run("apply", "-f", other.toString());
    String withoutBlue = NETWORKS.substring(0, NETWORKS.lastIndexOf("---"));
    write("networks.yaml", withoutBlue);

    Cli.Result dry = cli.run("apply", "--prune", "-l", "app=test", "--dry-run", "-f", file.toString());
    Cli.Result r = cli.run("apply", "--prune", "-l", "app=test", "-f", file.toString());

    assertThat(dry.out()).contains("would delete virtualnetwork/finance/blue\n");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "project/finance unchanged", "virtualnetwork/finance/red unchanged", "virtualnetwork/finance/blue pruned");
    assertThat(cli.run("get", "vn", "-n", "finance").out()).contains("red", "unmanaged").doesNotContain("blue");
  }

  @Test
  void pruneDeletesReferrersBeforeWhatTheyReferTo() throws IOException {
    // The policy must exist before a network refers to it: declare it first.
    String policyFirst = """
        apiVersion: weft/v1
        kind: Project
        metadata: {name: finance, labels: {app: test}}
        spec: {}
        ---
        apiVersion: weft/v1
        kind: NetworkPolicy
        metadata: {name: red-blue, project: finance, labels: {app: test}}
        spec: {rules: []}
        ---
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: red, project: finance, labels: {app: test}}
        spec: {subnets: [{cidr: 10.1.1.0/24}], networkPolicies: [red-blue]}
        """;
    Path file = write("policy.yaml", policyFirst);
    assertThat(cli.run("apply", "-f", file.toString()).code()).isZero();
    write("policy.yaml", policyFirst.substring(0, policyFirst.indexOf("---")));

    Cli.Result r = cli.run("apply", "--prune", "-l", "app=test", "-f", file.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "project/finance unchanged", "virtualnetwork/finance/red pruned", "networkpolicy/finance/red-blue pruned");
  }

  @Test
  void pruneWithoutSelectorIsAUsageError() throws IOException {
    Path file = write("networks.yaml", NETWORKS);

    Cli.Result r = cli.run("apply", "--prune", "-f", file.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--prune needs -l");
    assertThat(cli.run("get", "projects").err()).contains("No projects found");
  }

  @Test
  void getPrintsTableYamlAndJson() throws IOException {
    cli.run("apply", "-f", write("networks.yaml", NETWORKS).toString());

    Cli.Result table = cli.run("get", "vn", "-n", "finance");
    Cli.Result all = cli.run("get", "virtualnetworks", "-A", "-o", "wide");
    Cli.Result yaml = cli.run("get", "virtualnetwork", "-n", "finance", "-o", "yaml");
    Cli.Result json = cli.run("get", "vn", "-n", "finance", "-o", "json");
    Cli.Result one = cli.run("get", "project", "finance", "-o", "json");
    Cli.Result selected = cli.run("get", "vn", "-A", "-l", "app=test,tier=web");

    assertThat(table.code()).as(table.toString()).isZero();
    assertThat(table.out().lines()).containsExactly(
        "NAME   SUBNETS       FORWARDING   VNI",
        "blue   10.1.2.0/24   l2l3         <none>",
        "red    10.1.1.0/24   l2l3         <none>");
    assertThat(all.out().lines().findFirst().orElseThrow()).startsWith("NAME   PROJECT   SUBNETS").contains("LABELS");
    assertThat(all.out()).contains("app=test");
    List<Resource> docs = codec.parseAll(yaml.out());
    assertThat(docs).extracting(r -> r.metadata().name()).containsExactly("blue", "red");
    JsonNode list = codec.json().readTree(json.out());
    assertThat(list.path("kind").asText()).isEqualTo("List");
    assertThat(list.path("items")).hasSize(2);
    assertThat(codec.json().readTree(one.out()).path("metadata").path("name").asText()).isEqualTo("finance");
    assertThat(selected.code()).isZero();
    assertThat(selected.err()).contains("No virtualnetworks found");
  }

  @Test
  void getUsesWeftProjectAndRefusesProjectKindsWithoutOne() throws IOException {
    cli.run("apply", "-f", write("networks.yaml", NETWORKS).toString());

    Cli.Result without = cli.run("get", "vn");
    Cli.Result withEnv = cli.env("WEFT_PROJECT", "finance").run("get", "vn", "red");

    assertThat(without.code()).isEqualTo(2);
    assertThat(without.err()).contains("-n PROJECT", "-A");
    assertThat(withEnv.code()).as(withEnv.toString()).isZero();
    assertThat(withEnv.out()).contains("red");
  }

  @Test
  void unknownKindFailsListingTheKnownKinds() {
    Cli.Result r = cli.run("get", "vnets");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown kind 'vnets'", "virtualnetworks (vn)");
  }

  @Test
  void serverRejectionPrintsItsMessageAndFields() throws IOException {
    Path file = write("bad.yaml", """
        apiVersion: weft/v1
        kind: Project
        metadata: {name: finance}
        spec: {}
        ---
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: red, project: finance}
        spec: {subnets: [{cidr: 10.1.1.0/24}], networkPolicies: [missing]}
        """);

    Cli.Result r = cli.run("apply", "-f", file.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("project/finance created");
    assertThat(r.err()).contains("virtualnetwork/finance/red", "Error from server (Invalid)", "spec.networkPolicies[0]");
  }

  @Test
  void localParseErrorsNameTheFileAndField() throws IOException {
    Path file = write("cidr.yaml", """
        apiVersion: weft/v1
        kind: Project
        metadata: {name: finance}
        spec: {}
        ---
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: red, project: finance}
        spec: {subnets: [{cidr: 10.1.1.0/33}]}
        """);

    Cli.Result r = cli.run("apply", "-f", file.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(file + ": [1].spec.subnets[0].cidr");
    assertThat(r.out()).isEmpty();
    assertThat(cli.run("get", "projects").err()).contains("No projects found");
  }

  @Test
  void connectionRefusedNamesTheServer() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    Cli.Result r = new Cli("http://127.0.0.1:" + port).run("get", "projects");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("http://127.0.0.1:" + port, "is 'bin/weft up' running?");
  }

  @Test
  void describeDeleteAndStdin() {
    Cli.Result applied = cli.runWithInput(NETWORKS, "apply", "-f", "-");
    Cli.Result described = cli.run("describe", "vn", "red", "-n", "finance");
    Cli.Result deleted = cli.run("delete", "vn", "red", "blue", "-n", "finance");
    Cli.Result again = cli.run("delete", "vn", "red", "-n", "finance");

    assertThat(applied.code()).as(applied.toString()).isZero();
    assertThat(described.out()).contains("Name:             red", "Project:          finance", "Labels:           app=test",
        "Spec:\n  subnets:\n  - cidr: 10.1.1.0/24");
    assertThat(deleted.out().lines()).containsExactly("virtualnetwork/finance/red deleted", "virtualnetwork/finance/blue deleted");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("not found");
  }

  @Test
  void deleteFileRemovesWhatItDeclares() throws IOException {
    Path file = write("networks.yaml", NETWORKS);
    cli.run("apply", "-f", file.toString());

    Cli.Result r = cli.run("delete", "-f", file.toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "virtualnetwork/finance/blue deleted", "virtualnetwork/finance/red deleted", "project/finance deleted");
  }

  @Test
  void watchPrintsExistingThenChanges() throws Exception {
    cli.run("apply", "-f", write("networks.yaml", NETWORKS).toString());
    CompletableFuture<Cli.Result> watch = CompletableFuture.supplyAsync(
        () -> cli.run("get", "vn", "-n", "finance", "--watch", "--max-events", "3"));

    // Whether the watch lists before or after a change, the output is the same: the listing
    // is sorted by name and zz-N sorts last. Keep changing until the watch has seen enough.
    for (int i = 0; !watch.isDone() && i < 100; i++) {
      cli.runWithInput("""
          apiVersion: weft/v1
          kind: VirtualNetwork
          metadata: {name: zz-%d, project: finance}
          spec: {subnets: [{cidr: 10.50.%d.0/24}]}
          """.formatted(i, i), "apply", "-f", "-");
      Thread.sleep(200);
    }
    Cli.Result r = watch.get(20, TimeUnit.SECONDS);

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "ADDED virtualnetwork/finance/blue", "ADDED virtualnetwork/finance/red", "ADDED virtualnetwork/finance/zz-0");
  }

  @Test
  void tokenFromEnvironmentOrFile() throws IOException {
    stop();
    startServer("s3cret");
    Path tokenFile = write("token", "s3cret\n");

    Cli.Result none = cli.run("get", "projects");
    Cli.Result fromFile = cli.run("get", "projects", "--token-file", tokenFile.toString());
    Cli.Result fromEnv = cli.env("WEFT_TOKEN", "s3cret").run("get", "projects");

    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("Unauthorized");
    assertThat(fromFile.code()).as(fromFile.toString()).isZero();
    assertThat(fromEnv.code()).as(fromEnv.toString()).isZero();
  }

  @Test
  void appliesTheRepositoryExamplesIdempotently() {
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    if (!Files.isDirectory(examples)) {
      assertThat(System.getenv("CI")).as("CI runs may not skip: examples/ is missing").isNotEqualTo("true");
      System.out.println("skipping: no examples directory at " + examples);
      Assumptions.abort("no examples directory at " + examples);
    }

    Cli.Result first = cli.run("apply", "-f", examples.toString());
    Cli.Result second = cli.run("apply", "-f", examples.toString());
    Cli.Result removed = cli.run("delete", "-f", examples.toString());

    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out().lines()).isNotEmpty().allMatch(l -> l.endsWith(" created"));
    assertThat(second.code()).as(second.toString()).isZero();
    assertThat(second.out().lines()).hasSameSizeAs(first.out().lines().toList()).allMatch(l -> l.endsWith(" unchanged"));
    assertThat(removed.code()).as(removed.toString()).isZero();
    assertThat(removed.out().lines()).hasSameSizeAs(first.out().lines().toList());
  }
}
