package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ARCHITECTURE.md "Bad input": 400 naming the field, and the store unchanged. */
class BadInputTest {
  private static final String VNS = "/api/v1/projects/finance/virtualnetworks";
  private static ApiFixture api;

  @BeforeAll
  static void start() throws Exception {
    api = ApiFixture.start();
    assertThat(api.post("/api/v1/projects", ApiFixture.project("finance")).status()).isEqualTo(201);
    assertThat(api.post(VNS, ApiFixture.network("finance", "red", "10.1.0.0/24", "{}")).status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("malformed JSON", "POST", VNS, "application/json",
            "{\"apiVersion\": \"weft/v1\", \"kind\": ", "body"),
        Arguments.of("malformed YAML", "POST", VNS, "application/yaml",
            "apiVersion: weft/v1\nkind: [VirtualNetwork\nmetadata: {name: x\n", "body"),
        Arguments.of("empty body", "POST", VNS, "application/json", "", "body"),
        Arguments.of("not an object", "POST", VNS, "application/json", "[1,2]", "body"),
        Arguments.of("unknown kind", "POST", VNS, "application/json", """
            {"apiVersion":"weft/v1","kind":"Frobnicator","metadata":{"name":"x","project":"finance"},"spec":{}}""", "kind"),
        Arguments.of("kind not matching the path", "POST", VNS, "application/json", ApiFixture.project("x"), "kind"),
        Arguments.of("invalid CIDR", "POST", VNS, "application/json",
            ApiFixture.network("finance", "blue", "10.1.1.0/33", "{}"), "spec.subnets[0].cidr"),
        Arguments.of("dangling reference", "POST", VNS, "application/json", """
            {"apiVersion":"weft/v1","kind":"VirtualNetwork","metadata":{"name":"blue","project":"finance"},
             "spec":{"subnets":[{"cidr":"10.2.0.0/24"}],"networkPolicies":["missing-policy"]}}""", "spec.networkPolicies[0]"),
        Arguments.of("missing project", "POST", "/api/v1/projects/nowhere/virtualnetworks", "application/json",
            ApiFixture.network("nowhere", "blue", "10.2.0.0/24", "{}"), "metadata.project"),
        Arguments.of("project not matching the path", "POST", VNS, "application/json",
            ApiFixture.network("other", "blue", "10.2.0.0/24", "{}"), "metadata.project"),
        Arguments.of("invalid CIDR on replace", "PUT", VNS + "/red", "application/json",
            ApiFixture.network("finance", "red", "10.1.1.0/33", "{}"), "spec.subnets[0].cidr"),
        Arguments.of("name not matching the path", "PUT", VNS + "/red", "application/json",
            ApiFixture.network("finance", "green", "10.1.1.0/24", "{}"), "metadata.name"),
        Arguments.of("invalid CIDR by patch", "PATCH", VNS + "/red", "application/merge-patch+json",
            "{\"spec\":{\"subnets\":[{\"cidr\":\"300.1.1.0/24\"}]}}", "spec.subnets[0].cidr"),
        Arguments.of("dangling reference by patch", "PATCH", VNS + "/red", "application/merge-patch+json",
            "{\"spec\":{\"networkPolicies\":[\"nope\"]}}", "spec.networkPolicies[0]"),
        Arguments.of("bad resourceVersion", "DELETE", VNS + "/red?resourceVersion=abc", null, null, "resourceVersion"),
        Arguments.of("bad label selector", "GET", VNS + "?labelSelector=a%3D%3D%3D", null, null, "labelSelector"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusedWith400NamingTheField(String name, String method, String path, String contentType, String body, String field) {
    long before = api.store.revision();
    ApiFixture.Response r = api.send(method, path, body, contentType);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode error = r.json();
    assertThat(error.get("code").asInt()).isEqualTo(400);
    assertThat(error.get("reason").asText()).isEqualTo("Invalid");
    assertThat(error.get("message").asText()).isNotBlank();
    List<String> fields = new ArrayList<>();
    error.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).as(r.body()).contains(field);
    assertThat(api.store.revision()).as("store unchanged").isEqualTo(before);
    assertThat(api.get(VNS + "/red").json().at("/spec/subnets/0/cidr").asText()).isEqualTo("10.1.0.0/24");
  }

  @Test
  void unknownPluralIs404NamingIt() {
    long before = api.store.revision();
    ApiFixture.Response r = api.post("/api/v1/frobnicators", "{}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("reason").asText()).isEqualTo("NotFound");
    assertThat(r.json().get("message").asText()).contains("frobnicators");
    assertThat(api.get("/api/v1/projects/finance/frobnicators").status()).isEqualTo(404);
    assertThat(api.store.revision()).isEqualTo(before);
  }

  @Test
  void bodyOverTheLimitIs413() {
    long before = api.store.revision();
    String huge = ApiFixture.project("big").replace("\"test\"", "\"" + "x".repeat(1_000_001) + "\"");
    ApiFixture.Response r = api.post("/api/v1/projects", huge);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("reason").asText()).isEqualTo("RequestEntityTooLarge");
    assertThat(api.store.revision()).isEqualTo(before);
  }

  @Test
  void missingResourceIs404() {
    assertThat(api.get(VNS + "/nope").status()).isEqualTo(404);
    assertThat(api.delete(VNS + "/nope").status()).isEqualTo(404);
    assertThat(api.send("PATCH", VNS + "/nope", "{}", "application/json").status()).isEqualTo(404);
  }
}
