package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import io.weft.config.store.Write;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchTest {
  private static final String VNS = "/api/v1/projects/finance/virtualnetworks";
  private static final String END = "\u0000end";

  @Test
  void replaysEveryLaterEventInOrderThenStreamsLive() throws Exception {
    try (ApiFixture api = ApiFixture.start()) {
      long from = api.post("/api/v1/projects", ApiFixture.project("finance")).json().at("/metadata/resourceVersion").asLong();
      api.post(VNS, ApiFixture.network("finance", "red", "10.1.0.0/24", "{}"));
      api.send("PATCH", VNS + "/red", "{\"spec\":{\"vni\":42}}", "application/json");
      api.delete(VNS + "/red");

      try (Stream kindWatch = Stream.open(api, VNS + "?watch=true&resourceVersion=" + from);
           Stream allWatch = Stream.open(api, "/api/v1/watch?resourceVersion=" + (from - 1))) {
        assertThat(kindWatch.status).isEqualTo(200);
        assertThat(kindWatch.contentType).contains("application/x-ndjson");
        List<String> replay = new ArrayList<>();
        for (int i = 0; i < 3; i++) replay.add(summary(kindWatch.next()));
        assertThat(replay).containsExactly("ADDED red " + (from + 1), "MODIFIED red " + (from + 2), "DELETED red " + (from + 3));

        assertThat(summary(allWatch.next())).isEqualTo("ADDED finance " + from);
        for (int i = 0; i < 3; i++) allWatch.next();

        api.post(VNS, ApiFixture.network("finance", "blue", "10.2.0.0/24", "{}"));
        JsonNode live = kindWatch.next();
        assertThat(summary(live)).isEqualTo("ADDED blue " + (from + 4));
        assertThat(live.at("/object/spec/subnets/0/cidr").asText()).isEqualTo("10.2.0.0/24");
        assertThat(live.at("/object/metadata/uid").asText()).isNotBlank();
        assertThat(summary(allWatch.next())).isEqualTo("ADDED blue " + (from + 4));

        assertThat(api.get("/metrics").body()).contains("weft_config_api_watchers 2.0");
      }
    }
  }

  @Test
  void watchWithoutVersionStartsNowAndFiltersByLabel() throws Exception {
    try (ApiFixture api = ApiFixture.start()) {
      api.post("/api/v1/projects", ApiFixture.project("finance"));
      api.post(VNS, ApiFixture.network("finance", "old", "10.1.0.0/24", "{\"tier\":\"web\"}"));
      try (Stream watch = Stream.open(api, "/api/v1/virtualnetworks?watch=true&labelSelector=tier%3Dweb")) {
        api.post(VNS, ApiFixture.network("finance", "db", "10.2.0.0/24", "{\"tier\":\"db\"}"));
        api.post(VNS, ApiFixture.network("finance", "web", "10.3.0.0/24", "{\"tier\":\"web\"}"));
        assertThat(summary(watch.next()).split(" ")[1]).isEqualTo("web");
      }
    }
  }

  @Test
  void compactedStartIs410BeforeTheStream() throws Exception {
    try (ApiFixture api = ApiFixture.start(5, null)) {
      api.post("/api/v1/projects", ApiFixture.project("finance"));
      // One batch of many writes pushes the store past its retained history quickly.
      ResourceCodec codec = new ResourceCodec();
      List<Write> writes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Resource p = codec.parse(ApiFixture.project("p" + i));
        writes.add(new Write.Create(p.key(), codec.toJson(p), Set.of()));
      }
      api.store.commit(writes);
      api.post("/api/v1/projects", ApiFixture.project("last"));
      assertThat(api.store.compactedRevision()).as("the store compacted").isGreaterThan(1);
      ApiFixture.Response r = api.get("/api/v1/projects?watch=true&resourceVersion=1");
      assertThat(r.status()).isEqualTo(410);
      assertThat(r.json().get("reason").asText()).isEqualTo("Expired");
      assertThat(api.get("/api/v1/watch?resourceVersion=1").status()).isEqualTo(410);
    }
  }

  @Test
  void silenceIsBrokenByBookmarks() throws Exception {
    try (ApiFixture api = ApiFixture.withBookmarkInterval(Duration.ofMillis(300))) {
      api.post("/api/v1/projects", ApiFixture.project("finance"));
      try (Stream watch = Stream.open(api, "/api/v1/watch")) {
        JsonNode bookmark = watch.next();
        assertThat(bookmark.get("type").asText()).isEqualTo("BOOKMARK");
        assertThat(bookmark.at("/object/metadata/resourceVersion").asLong()).isEqualTo(api.store.revision());
        api.post("/api/v1/projects", ApiFixture.project("other"));
        JsonNode next = watch.next();
        while (next.get("type").asText().equals("BOOKMARK")) next = watch.next();
        assertThat(summary(next)).isEqualTo("ADDED other " + api.store.revision());
      }
    }
  }

  @Test
  void serverCloseEndsTheStreamCleanly() throws Exception {
    ApiFixture api = ApiFixture.start();
    try (Stream watch = Stream.open(api, "/api/v1/watch")) {
      api.server.close();
      assertThat(watch.lines.poll(10, TimeUnit.SECONDS)).isEqualTo(END);
    } finally {
      api.close();
    }
  }

  private static String summary(JsonNode line) {
    return line.get("type").asText() + " " + line.at("/object/metadata/name").asText() + " "
        + line.at("/object/metadata/resourceVersion").asLong();
  }

  /** A watch stream read line by line on its own thread. */
  static final class Stream implements AutoCloseable {
    final int status;
    final String contentType;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final InputStream body;

    private Stream(HttpResponse<InputStream> response) {
      status = response.statusCode();
      contentType = response.headers().firstValue("Content-Type").orElse("");
      body = response.body();
      Thread.ofVirtual().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) lines.add(line);
        } catch (Exception ignored) {
          // closed by the test
        }
        lines.add(END);
      });
    }

    static Stream open(ApiFixture api, String path) throws Exception {
      return new Stream(api.http.send(api.request("GET", path, null, null).build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    JsonNode next() throws Exception {
      String line = lines.poll(10, TimeUnit.SECONDS);
      assertThat(line).as("a watch line within 10 s").isNotNull().isNotEqualTo(END);
      return ApiFixture.JSON.readTree(line);
    }

    @Override
    public void close() throws Exception {
      body.close();
    }
  }
}
