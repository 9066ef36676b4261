package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.model.ResourceCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md: a restart loses no acknowledged write. A child JVM serves the API; the
 * test loads it with creates, kills it with SIGKILL mid-load, restarts it on the same data
 * and checks every create answered 201 is there, whole.
 */
class KillDurabilityTest {
  private static final int CLIENTS = 4;
  private static final String VNS = "/api/v1/projects/load/virtualnetworks";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Path dir;
  private Process child;

  @BeforeEach
  void createDir() throws IOException {
    dir = Files.createTempDirectory("weft-api-kill");
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (child != null) {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    http.close();
    ApiFixture.deleteTree(dir);
  }

  @Test
  void everyAcknowledgedCreateSurvivesKill9() throws Exception {
    String first = startChild();
    assertThat(send(first, "POST", "/api/v1/projects", ApiFixture.project("load")).statusCode()).isEqualTo(201);

    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; running.get(); i++) {
          String name = "vn-" + client + "-" + i;
          String cidr = "10." + client + "." + (i % 256) + ".0/24";
          try {
            HttpResponse<String> r = send(first, "POST", VNS,
                ApiFixture.network("load", name, cidr, "{\"client\":\"c" + client + "\",\"seq\":\"s" + i + "\"}"));
            if (r.statusCode() == 201) acknowledged.put(name, cidr);
          } catch (IOException | InterruptedException killed) {
            return;
          }
        }
      }));
    }
    Thread.sleep(2500);
    child.destroyForcibly();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    running.set(false);
    for (Thread t : clients) t.join(30_000);
    assertThat(acknowledged).as("the load made progress before the kill").hasSizeGreaterThan(10);

    String base = startChild();
    ResourceCodec codec = new ResourceCodec();
    for (Map.Entry<String, String> e : acknowledged.entrySet()) {
      HttpResponse<String> r = send(base, "GET", VNS + "/" + e.getKey(), null);
      assertThat(r.statusCode()).as("acknowledged " + e.getKey()).isEqualTo(200);
      JsonNode vn = ApiFixture.JSON.readTree(r.body());
      assertThat(vn.at("/spec/subnets/0/cidr").asText()).isEqualTo(e.getValue());
      assertThat(vn.at("/metadata/labels/seq").asText()).isEqualTo("s" + e.getKey().substring(e.getKey().lastIndexOf('-') + 1));
    }
    JsonNode list = ApiFixture.JSON.readTree(send(base, "GET", VNS, null).body());
    assertThat(list.get("items").size()).isGreaterThanOrEqualTo(acknowledged.size());
    for (JsonNode item : list.get("items")) {
      assertThat(codec.fromTree(item).metadata().project()).isEqualTo("load");
      assertThat(item.at("/metadata/uid").asText()).isNotBlank();
    }
  }

  private String startChild() throws Exception {
    if (child != null) child.waitFor(10, TimeUnit.SECONDS);
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ConfigServerMain.class.getName(), dir.toString())
        .redirectError(dir.resolve("child-stderr.log").toFile())
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("PORT ")) return "http://127.0.0.1:" + line.substring(5).trim();
    }
    throw new IllegalStateException("child exited without a port: " + Files.readString(dir.resolve("child-stderr.log")));
  }

  private HttpResponse<String> send(String base, String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
