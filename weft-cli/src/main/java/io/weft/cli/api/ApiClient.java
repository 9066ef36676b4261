package io.weft.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.model.FieldError;
import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The config API (weft-config/API.md) over java.net.http. Resources travel as JSON; answers
 * are returned as JSON trees so the caller decides how much of them to interpret. Every
 * non-2xx answer becomes an {@link ApiException}; no answer at all a
 * {@link ServerUnreachableException}.
 */
public final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI server;
  private final String token;
  private final HttpClient http;
  private final ResourceCodec codec;
  private final ObjectMapper json;

  /** {@code token} may be null (no Authorization header). */
  public ApiClient(URI server, String token, ResourceCodec codec) {
    String s = server.toString();
    this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.token = token;
    this.codec = codec;
    this.json = codec.json();
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .build();
  }

  public URI server() {
    return server;
  }

  /** One resource, or empty when the server answers 404. */
  public Optional<JsonNode> get(Kind kind, String project, String name) {
    try {
      return Optional.of(send(request(itemPath(kind, project, name)).GET()));
    } catch (ApiException e) {
      if (e.isNotFound()) return Optional.empty();
      throw e;
    }
  }

  /** Lists a kind in {@code project}, or everywhere when {@code project} is null. */
  public Listing list(Kind kind, String project, String labelSelector) {
    String path = collectionPath(kind, project) + query(labelSelector, false, 0);
    JsonNode answer = send(request(path).GET());
    List<JsonNode> items = new ArrayList<>();
    answer.path("items").forEach(items::add);
    return new Listing(items, answer.path("metadata").path("resourceVersion").asLong(0));
  }

  public JsonNode create(Resource r) {
    String project = r.kindEnum().clusterScoped() ? null : r.metadata().project();
    return send(request(collectionPath(r.kindEnum(), project)).POST(body(r)));
  }

  /** Replaces a resource; a non-zero {@code metadata.resourceVersion} is a precondition. */
  public JsonNode replace(Resource r) {
    return send(request(itemPath(r.kindEnum(), r.metadata().project(), r.metadata().name())).PUT(body(r)));
  }

  public JsonNode delete(Kind kind, String project, String name) {
    return send(request(itemPath(kind, project, name)).DELETE());
  }

  /**
   * Streams the watch of a kind (and project, null for every one) from {@code fromRevision}
   * (0: from now), handing each event to {@code handler} until it returns false or the
   * server ends the stream.
   */
  public void watch(Kind kind, String project, String labelSelector, long fromRevision, Predicate<JsonNode> handler) {
    String path = collectionPath(kind, project) + query(labelSelector, true, fromRevision);
    HttpRequest req = request(path).timeout(Duration.ofDays(365)).GET().build();
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ServerUnreachableException(server, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try (InputStream in = resp.body()) {
      if (resp.statusCode() / 100 != 2) throw error(resp.statusCode(), in.readAllBytes());
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isBlank()) continue;
        if (!handler.test(json.readTree(line))) return;
      }
    } catch (IOException e) {
      throw new ServerUnreachableException(server, e);
    }
  }

  static String collectionPath(Kind kind, String project) {
    if (kind.clusterScoped() || project == null) return "/api/v1/" + kind.plural();
    return "/api/v1/projects/" + segment(project) + "/" + kind.plural();
  }

  static String itemPath(Kind kind, String project, String name) {
    return collectionPath(kind, project) + "/" + segment(name);
  }

  private static String query(String labelSelector, boolean watch, long fromRevision) {
    List<String> params = new ArrayList<>();
    if (labelSelector != null && !labelSelector.isBlank()) {
      params.add("labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
    }
    if (watch) params.add("watch=true");
    if (fromRevision > 0) params.add("resourceVersion=" + fromRevision);
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  /** Tag names hold '=' and ':'; encode a path segment, keeping '+' meaning a literal plus. */
  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  private HttpRequest.BodyPublisher body(Resource r) {
    return HttpRequest.BodyPublishers.ofByteArray(codec.toJson(r));
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpRequest req = builder.header("Content-Type", "application/json").build();
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ServerUnreachableException(server, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnreachableException(server, e);
    }
    if (resp.statusCode() / 100 != 2) throw error(resp.statusCode(), resp.body());
    try {
      return json.readTree(resp.body());
    } catch (IOException e) {
      throw new UncheckedIOException("the config API at " + server + " answered with malformed JSON", e);
    }
  }

  private ApiException error(int status, byte[] body) {
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (IOException e) {
      tree = null;
    }
    if (tree == null || !tree.isObject()) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      return new ApiException(status, "", text.isEmpty() ? "HTTP " + status : text, List.of(), List.of());
    }
    List<FieldError> errors = new ArrayList<>();
    for (JsonNode e : tree.path("errors")) errors.add(new FieldError(e.path("field").asText(), e.path("message").asText()));
    List<String> referencedBy = new ArrayList<>();
    for (JsonNode r : tree.path("referencedBy")) referencedBy.add(r.asText());
    String message = tree.path("message").asText("HTTP " + status);
    return new ApiException(status, tree.path("reason").asText(""), message, errors, referencedBy);
  }

  /** A list answer: its items and the store revision it reflects. */
  public record Listing(List<JsonNode> items, long resourceVersion) {}
}
