package io.weft.control.it;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.compiler.CompilerService;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.model.ResourceCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real config role in-process: SqliteStore, the config API on an ephemeral port, and the compiler. */
final class ConfigFixture implements AutoCloseable {
  final Path dir;
  final SqliteStore store;
  final ConfigServer server;
  final CompilerService compiler;
  final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  ConfigFixture() throws IOException {
    dir = Files.createTempDirectory("weft-control-test");
    PrometheusRegistry registry = new PrometheusRegistry();
    store = new SqliteStore(dir.resolve("weft.db"), 10_000, registry);
    server = new ConfigServer(store, registry, "127.0.0.1", 0, null).start();
    compiler = new CompilerService(store, new ResourceCodec());
    compiler.start();
    url = "http://127.0.0.1:" + server.port();
  }

  /** Creates a resource from YAML at {@code path} (e.g. /api/v1/projects/demo/virtualnetworks). */
  void create(String path, String yaml) throws IOException, InterruptedException {
    send("POST", path, yaml, 201);
  }

  void patch(String path, String yaml) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path))
        .header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IOException("PATCH " + path + ": " + r.statusCode() + " " + r.body());
  }

  void delete(String path) throws IOException, InterruptedException {
    send("DELETE", path, null, 200);
  }

  private void send(String verb, String path, String yaml, int expect) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
    if (yaml != null) b.header("Content-Type", "application/yaml").method(verb, HttpRequest.BodyPublishers.ofString(yaml));
    else b.method(verb, HttpRequest.BodyPublishers.noBody());
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expect) throw new IOException(verb + " " + path + ": " + r.statusCode() + " " + r.body());
  }

  @Override
  public void close() {
    compiler.close();
    server.close();
    store.close();
  }
}
