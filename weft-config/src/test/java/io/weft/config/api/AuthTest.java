package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class AuthTest {
  @Test
  void everyApiRequestNeedsTheToken() throws Exception {
    try (ApiFixture api = ApiFixture.start(1000, "s3cret")) {
      ApiFixture.Response ok = api.get("/api/v1/projects");
      assertThat(ok.status()).isEqualTo(200);

      for (String path : new String[] {"/api/v1/projects", "/api/v1", "/metrics", "/api/v1/nonsense"}) {
        ApiFixture.Response none = api.send(HttpRequest.newBuilder(URI.create(api.base + path)).build());
        assertThat(none.status()).as(path).isEqualTo(401);
        ApiFixture.Response wrong = api.send(HttpRequest.newBuilder(URI.create(api.base + path))
            .header("Authorization", "Bearer s3cre").build());
        assertThat(wrong.status()).as(path).isEqualTo(401);
      }
      ApiFixture.Response noAuthCreate = api.send(HttpRequest.newBuilder(URI.create(api.base + "/api/v1/projects"))
          .POST(HttpRequest.BodyPublishers.ofString(ApiFixture.project("x"))).build());
      assertThat(noAuthCreate.status()).isEqualTo(401);
      assertThat(noAuthCreate.json().get("reason").asText()).isEqualTo("Unauthorized");
      assertThat(api.store.revision()).isZero();

      assertThat(api.get("/metrics").status()).isEqualTo(200);
      ApiFixture.Response health = api.send(HttpRequest.newBuilder(URI.create(api.base + "/healthz")).build());
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("ok");
    }
  }
}
