package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceCrudTest {
  private ApiFixture api;

  @BeforeEach
  void start() throws Exception {
    api = ApiFixture.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void projectLifecycle() {
    ApiFixture.Response created = api.post("/api/v1/projects", ApiFixture.project("finance"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode p = created.json();
    assertThat(p.at("/metadata/uid").asText()).isNotBlank();
    long rv = p.at("/metadata/resourceVersion").asLong();
    assertThat(rv).isEqualTo(api.store.revision());

    JsonNode got = api.get("/api/v1/projects/finance").json();
    assertThat(got).isEqualTo(p);

    assertThat(api.post("/api/v1/projects", ApiFixture.project("finance")).status()).isEqualTo(409);

    String replaced = """
        {"apiVersion":"weft/v1","kind":"Project","metadata":{"name":"finance","resourceVersion":%d},"spec":{"description":"money"}}"""
        .formatted(rv);
    ApiFixture.Response put = api.put("/api/v1/projects/finance", replaced);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().at("/spec/description").asText()).isEqualTo("money");
    assertThat(put.json().at("/metadata/uid")).isEqualTo(p.at("/metadata/uid"));

    ApiFixture.Response status = api.put("/api/v1/projects/finance/status", "{\"status\":{\"phase\":\"ready\"}}");
    assertThat(status.status()).as(status.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/projects/finance").json().at("/status/phase").asText()).isEqualTo("ready");
    assertThat(api.get("/api/v1/projects/finance/virtualnetworks").status()).as("a list, not the status").isEqualTo(200);

    ApiFixture.Response deleted = api.delete("/api/v1/projects/finance");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().at("/spec/description").asText()).isEqualTo("money");
    assertThat(api.get("/api/v1/projects/finance").status()).isEqualTo(404);
  }

  @Test
  void networkLifecycleInAProject() {
    api.post("/api/v1/projects", ApiFixture.project("finance"));
    // metadata.project may be omitted on a project path
    String body = """
        {"apiVersion":"weft/v1","kind":"VirtualNetwork","metadata":{"name":"red"},"spec":{"subnets":[{"cidr":"10.1.1.0/24"}]}}""";
    ApiFixture.Response created = api.post("/api/v1/projects/finance/virtualnetworks", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/metadata/project").asText()).isEqualTo("finance");

    ApiFixture.Response status = api.put("/api/v1/projects/finance/virtualnetworks/red/status", """
        {"status":{"vni":5001}}""");
    assertThat(status.status()).as(status.body()).isEqualTo(200);

    ApiFixture.Response patched = api.send("PATCH", "/api/v1/projects/finance/virtualnetworks/red", """
        {"metadata":{"labels":{"site":"east"}},"spec":{"vni":77}}""", "application/merge-patch+json");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    JsonNode vn = patched.json();
    assertThat(vn.at("/metadata/labels/site").asText()).isEqualTo("east");
    assertThat(vn.at("/spec/vni").asInt()).isEqualTo(77);
    assertThat(vn.at("/spec/subnets/0/cidr").asText()).isEqualTo("10.1.1.0/24");
    assertThat(vn.at("/status/vni").asInt()).as("status survives a patch").isEqualTo(5001);

    // PUT ignores the body's status and keeps the stored one
    ApiFixture.Response put = api.put("/api/v1/projects/finance/virtualnetworks/red",
        ApiFixture.network("finance", "red", "10.2.0.0/16", "{}").replace("\"spec\"", "\"status\":{\"vni\":1},\"spec\""));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().at("/status/vni").asInt()).isEqualTo(5001);
    assertThat(put.json().at("/spec/subnets/0/cidr").asText()).isEqualTo("10.2.0.0/16");

    ApiFixture.Response yaml = api.send(api.request("GET", "/api/v1/projects/finance/virtualnetworks/red", null, null)
        .header("Accept", "application/yaml").build());
    assertThat(yaml.contentType()).contains("yaml");
    assertThat(yaml.body()).contains("kind: VirtualNetwork").contains("cidr: 10.2.0.0/16");

    assertThat(api.delete("/api/v1/projects/finance/virtualnetworks/red").status()).isEqualTo(200);
    assertThat(api.get("/api/v1/projects/finance/virtualnetworks/red").status()).isEqualTo(404);
  }

  @Test
  void createsFromYaml() {
    api.post("/api/v1/projects", ApiFixture.project("finance"));
    String yaml = """
        apiVersion: weft/v1
        kind: VirtualNetwork
        metadata: {name: blue, project: finance}
        spec: {subnets: [{cidr: 10.9.0.0/24}]}
        """;
    ApiFixture.Response r = api.send("POST", "/api/v1/projects/finance/virtualnetworks", yaml, "application/yaml");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().at("/metadata/name").asText()).isEqualTo("blue");
  }

  @Test
  void listsByProjectAndByLabelSelector() {
    api.post("/api/v1/projects", ApiFixture.project("a"));
    api.post("/api/v1/projects", ApiFixture.project("b"));
    api.post("/api/v1/projects/b/virtualnetworks", ApiFixture.network("b", "web", "10.0.1.0/24", "{\"tier\":\"web\"}"));
    api.post("/api/v1/projects/a/virtualnetworks", ApiFixture.network("a", "web", "10.0.2.0/24", "{\"tier\":\"web\"}"));
    api.post("/api/v1/projects/a/virtualnetworks", ApiFixture.network("a", "db", "10.0.3.0/24", "{\"tier\":\"db\"}"));

    JsonNode all = api.get("/api/v1/virtualnetworks").json();
    assertThat(all.get("kind").asText()).isEqualTo("List");
    assertThat(all.at("/metadata/resourceVersion").asLong()).isEqualTo(api.store.revision());
    assertThat(names(all)).containsExactly("a/db", "a/web", "b/web");

    assertThat(names(api.get("/api/v1/projects/a/virtualnetworks").json())).containsExactly("a/db", "a/web");
    assertThat(names(api.get("/api/v1/virtualnetworks?labelSelector=tier%3Dweb").json())).containsExactly("a/web", "b/web");
    assertThat(names(api.get("/api/v1/projects/a/virtualnetworks?labelSelector=tier!%3Dweb").json())).containsExactly("a/db");
    assertThat(names(api.get("/api/v1/virtualnetworks?labelSelector=!tier").json())).isEmpty();
    assertThat(api.get("/api/v1/virtualnetworks?labelSelector=%3D%3D").status()).isEqualTo(400);
  }

  @Test
  void discoveryNamesEveryKind() {
    JsonNode d = api.get("/api/v1").json();
    List<String> plurals = new ArrayList<>();
    d.get("kinds").forEach(k -> plurals.add(k.get("plural").asText()));
    assertThat(plurals).contains("projects", "virtualnetworks", "networkpolicies");
    JsonNode vn = null;
    for (JsonNode k : d.get("kinds")) if (k.get("kind").asText().equals("VirtualNetwork")) vn = k;
    assertThat(vn).isNotNull();
    assertThat(vn.get("scope").asText()).isEqualTo("PROJECT");
    assertThat(vn.get("singular").asText()).isEqualTo("virtualnetwork");
    assertThat(vn.get("shortNames").toString()).contains("vn");
  }

  @Test
  void healthzAndMetrics() {
    assertThat(api.get("/healthz").body()).isEqualTo("ok");
    api.get("/api/v1/projects");
    ApiFixture.Response m = api.get("/metrics");
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.body()).contains("weft_config_api_requests_total{code=\"200\",kind=\"Project\",verb=\"list\"}")
        .contains("weft_config_api_request_duration_seconds").contains("weft_config_api_watchers");
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("items").forEach(i -> out.add(i.at("/metadata/project").asText() + "/" + i.at("/metadata/name").asText()));
    return out;
  }
}
