package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Creates are served by {@link CreateFilter} on a plain list path and by Javalin's route when
 * the path has a trailing slash: both must answer alike, refusals included.
 */
class CreateFilterTest {
  private static final String VNS = "/api/v1/projects/finance/virtualnetworks";
  private static ApiFixture api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start();
    assertThat(api.post("/api/v1/projects", ApiFixture.project("finance")).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("malformed JSON", "application/json", "{\"apiVersion\": \"weft/v1\", \"kind\": "),
        Arguments.of("empty body", "application/json", ""),
        Arguments.of("kind not matching the path", "application/json", ApiFixture.project("x")),
        Arguments.of("invalid CIDR", "application/json", ApiFixture.network("finance", "blue", "10.1.1.0/33", "{}")),
        Arguments.of("invalid CIDR in YAML", "application/yaml", """
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: blue}
            spec: {subnets: [{cidr: 10.1.1.0/33}]}
            """),
        Arguments.of("project not matching the path", "application/json", ApiFixture.network("other", "blue", "10.2.0.0/24", "{}")),
        Arguments.of("invalid label", "application/json", ApiFixture.network("finance", "blue", "10.2.0.0/24", "{\"a\":\"-\"}")),
        Arguments.of("dangling reference", "application/json", """
            {"apiVersion":"weft/v1","kind":"VirtualNetwork","metadata":{"name":"blue","project":"finance"},
             "spec":{"subnets":[{"cidr":"10.2.0.0/24"}],"networkPolicies":["missing-policy"]}}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusalsAreAnsweredAsJavalinAnswersThem(String name, String contentType, String body) {
    ApiFixture.Response filtered = api.send("POST", VNS, body, contentType);
    ApiFixture.Response routed = api.send("POST", VNS + "/", body, contentType);
    assertThat(filtered.status()).as(filtered.body()).isEqualTo(400);
    assertThat(filtered.status()).isEqualTo(routed.status());
    assertThat(filtered.body()).isEqualTo(routed.body());
    assertThat(filtered.contentType()).isEqualTo(routed.contentType());
  }

  @Test
  void createsAreAnsweredAsJavalinAnswersThem() {
    ApiFixture.Response filtered = api.post(VNS, ApiFixture.network("finance", "red", "10.3.0.0/24", "{\"tier\":\"web\"}"));
    ApiFixture.Response routed = api.post(VNS + "/", ApiFixture.network("finance", "green", "10.4.0.0/24", "{\"tier\":\"web\"}"));
    assertThat(filtered.status()).as(filtered.body()).isEqualTo(201);
    assertThat(routed.status()).as(routed.body()).isEqualTo(201);
    assertThat(filtered.contentType()).isEqualTo(routed.contentType());
    JsonNode a = filtered.json();
    JsonNode b = routed.json();
    assertThat(a.at("/metadata/labels")).isEqualTo(b.at("/metadata/labels"));
    assertThat(a.at("/metadata/resourceVersion").asLong()).isEqualTo(b.at("/metadata/resourceVersion").asLong() - 1);
    assertThat(api.post(VNS, ApiFixture.network("finance", "red", "10.3.0.0/24", "{}")).status()).as("exists").isEqualTo(409);
  }

  @Test
  void createsAreCountedAsBefore() {
    api.post(VNS, ApiFixture.network("finance", "counted", "10.5.0.0/24", "{}"));
    assertThat(api.get("/metrics").body())
        .contains("weft_config_api_requests_total{code=\"201\",kind=\"VirtualNetwork\",verb=\"create\"}");
  }
}
