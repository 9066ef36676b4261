package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConflictTest {
  private static final String VNS = "/api/v1/projects/finance/virtualnetworks";
  private ApiFixture api;

  @BeforeEach
  void start() throws Exception {
    api = ApiFixture.start();
    assertThat(api.post("/api/v1/projects", ApiFixture.project("finance")).status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void deleteOfAReferencedResourceNamesTheReferrer() {
    String policy = """
        {"apiVersion":"weft/v1","kind":"NetworkPolicy","metadata":{"name":"allow-web","project":"finance"},"spec":{}}""";
    ApiFixture.Response p = api.post("/api/v1/projects/finance/networkpolicies", policy);
    assertThat(p.status()).as(p.body()).isEqualTo(201);
    ApiFixture.Response vn = api.post(VNS, """
        {"apiVersion":"weft/v1","kind":"VirtualNetwork","metadata":{"name":"red","project":"finance"},
         "spec":{"subnets":[{"cidr":"10.1.0.0/24"}],"networkPolicies":["allow-web"]}}""");
    assertThat(vn.status()).as(vn.body()).isEqualTo(201);

    long before = api.store.revision();
    ApiFixture.Response refused = api.delete("/api/v1/projects/finance/networkpolicies/allow-web");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("reason").asText()).isEqualTo("Conflict");
    assertThat(refused.json().get("referencedBy").toString()).contains("VirtualNetwork/finance/red");
    assertThat(api.store.revision()).isEqualTo(before);

    // the project is referenced by what lives in it
    ApiFixture.Response project = api.delete("/api/v1/projects/finance");
    assertThat(project.status()).isEqualTo(409);
    assertThat(project.json().get("referencedBy").toString()).contains("VirtualNetwork/finance/red");

    assertThat(api.delete(VNS + "/red").status()).isEqualTo(200);
    assertThat(api.delete("/api/v1/projects/finance/networkpolicies/allow-web").status()).isEqualTo(200);
  }

  @Test
  void staleResourceVersionIs409() {
    long rv = api.post(VNS, ApiFixture.network("finance", "red", "10.1.0.0/24", "{}")).json().at("/metadata/resourceVersion").asLong();
    api.send("PATCH", VNS + "/red", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", "application/merge-patch+json");
    long before = api.store.revision();
    ApiFixture.Response stale = api.put(VNS + "/red", withVersion(ApiFixture.network("finance", "red", "10.3.0.0/24", "{}"), rv));
    assertThat(stale.status()).isEqualTo(409);
    ApiFixture.Response stalePatch = api.send("PATCH", VNS + "/red",
        "{\"metadata\":{\"resourceVersion\":" + rv + "},\"spec\":{\"vni\":5}}", "application/merge-patch+json");
    assertThat(stalePatch.status()).isEqualTo(409);
    assertThat(api.delete(VNS + "/red?resourceVersion=" + rv).status()).isEqualTo(409);
    assertThat(api.store.revision()).isEqualTo(before);
  }

  @Test
  void twoConcurrentReplacesFromTheSameVersionOneWins() throws Exception {
    long rv = api.post(VNS, ApiFixture.network("finance", "red", "10.1.0.0/24", "{}")).json().at("/metadata/resourceVersion").asLong();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (String cidr : List.of("10.2.0.0/24", "10.3.0.0/24")) {
      String body = withVersion(ApiFixture.network("finance", "red", cidr, "{}"), rv);
      results.add(CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return api.put(VNS + "/red", body).status();
      }));
    }
    go.countDown();
    List<Integer> codes = results.stream().map(CompletableFuture::join).sorted().toList();
    assertThat(codes).containsExactly(200, 409);
    assertThat(api.store.revision()).isEqualTo(rv + 1);
  }

  private static String withVersion(String body, long rv) {
    return body.replace("\"labels\":", "\"resourceVersion\":" + rv + ",\"labels\":");
  }
}
