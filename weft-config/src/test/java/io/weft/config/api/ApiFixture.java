package io.weft.config.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real server on an ephemeral port over a real SqliteStore in a temp dir, and a client for it. */
final class ApiFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final SqliteStore store;
  final ConfigServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String base;
  private final String token;

  private ApiFixture(int historyRevisions, String token) throws IOException {
    this(historyRevisions, token, Duration.ofSeconds(10));
  }

  private ApiFixture(int historyRevisions, String token, Duration bookmarkInterval) throws IOException {
    this.dir = Files.createTempDirectory("weft-api-test");
    this.token = token;
    PrometheusRegistry registry = new PrometheusRegistry();
    this.store = new SqliteStore(dir.resolve("weft.db"), historyRevisions, registry);
    this.server = new ConfigServer(store, registry, "127.0.0.1", 0, token, bookmarkInterval).start();
    this.base = "http://127.0.0.1:" + server.port();
  }

  static ApiFixture start() throws IOException {
    return new ApiFixture(10_000, null);
  }

  static ApiFixture start(int historyRevisions, String token) throws IOException {
    return new ApiFixture(historyRevisions, token);
  }

  static ApiFixture withBookmarkInterval(Duration bookmarkInterval) throws IOException {
    return new ApiFixture(10_000, null, bookmarkInterval);
  }

  record Response(int status, String body, String contentType) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  Response get(String path) {
    return send("GET", path, null, null);
  }

  Response post(String path, String body) {
    return send("POST", path, body, "application/json");
  }

  Response put(String path, String body) {
    return send("PUT", path, body, "application/json");
  }

  Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  Response send(String method, String path, String body, String contentType) {
    return send(request(method, path, body, contentType).build());
  }

  HttpRequest.Builder request(String method, String path, String body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String project(String name) {
    return """
        {"apiVersion":"weft/v1","kind":"Project","metadata":{"name":"%s"},"spec":{"description":"test"}}""".formatted(name);
  }

  static String network(String project, String name, String cidr, String labels) {
    return """
        {"apiVersion":"weft/v1","kind":"VirtualNetwork","metadata":{"name":"%s","project":"%s","labels":%s},
         "spec":{"subnets":[{"cidr":"%s"}]}}""".formatted(name, project, labels, cidr);
  }

  @Override
  public void close() {
    http.close();
    server.close();
    store.close();
    deleteTree(dir);
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp dir
    }
  }
}
