package io.weft.control.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes derived config from the config API over HTTP (weft-config/API.md), so the control
 * node works against a remote config role: lists RoutingInstances and PortConfigs, then
 * watches every kind from the older listing's revision (replays are harmless: the index
 * ignores an older resourceVersion), and on 410 — answered before the stream, or as an ERROR
 * line — lists again and reconciles. A broken connection is retried from the last revision.
 *
 * <p>Concurrency: one virtual thread ("weft-control-config") does every request and feeds
 * {@link ConfigIndex}; {@code synced}/{@code revision} are read by other threads.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
  private static final Duration RETRY = Duration.ofSeconds(1);
  /** The kinds a control node keeps; every other watch event only advances the revision. */
  private static final Set<String> WANTED =
      Set.of(Kind.ROUTING_INSTANCE.kindName(), Kind.PORT_CONFIG.kindName(), Kind.BGP_ROUTER.kindName());

  private final String baseUrl;
  private final String token;
  private final ResourceCodec codec;
  private final ConfigIndex index;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile boolean running = true;
  private volatile long revision;
  private volatile boolean synced;
  private volatile InputStream current;
  private Thread thread;

  public ConfigWatcher(String baseUrl, String token, ResourceCodec codec, ConfigIndex index) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
    this.codec = Objects.requireNonNull(codec);
    this.index = Objects.requireNonNull(index);
  }

  public ConfigWatcher start() {
    thread = Thread.ofVirtual().name("weft-control-config").start(this::run);
    return this;
  }

  /** True once the first listing has been applied. */
  public boolean synced() {
    return synced;
  }

  /** The config revision the control node's view reflects. */
  public long revision() {
    return revision;
  }

  private void run() {
    boolean needList = true;
    while (running) {
      try {
        if (needList) {
          listAll();
          needList = false;
        }
        needList = watch();
      } catch (IOException e) {
        if (running) LOG.warn("config API {}: {}; retrying in {}", baseUrl, e.getMessage(), RETRY);
        sleep();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) LOG.error("config API {}: unexpected answer; listing again", baseUrl, e);
        needList = true;
        sleep();
      }
    }
  }

  private void listAll() throws IOException, InterruptedException {
    List<Resource> all = new ArrayList<>();
    long rev = Long.MAX_VALUE;
    for (Kind kind : List.of(Kind.ROUTING_INSTANCE, Kind.PORT_CONFIG, Kind.BGP_ROUTER)) {
      HttpResponse<InputStream> resp = get("/api/v1/" + kind.plural());
      try (InputStream in = resp.body()) {
        if (resp.statusCode() != 200) throw new IOException("list " + kind.plural() + " answered " + resp.statusCode());
        JsonNode list = codec.json().readTree(in);
        rev = Math.min(rev, list.path("metadata").path("resourceVersion").asLong());
        for (JsonNode item : list.path("items")) all.add(codec.fromTree(item));
      }
    }
    index.replaceAll(all);
    revision = rev;
    synced = true;
    LOG.info("config API {}: listed {} routing instances and {} port configs at revision {}", baseUrl,
        index.instanceCount(), index.portCount(), rev);
  }

  /** Streams changes until the stream ends; true when the revision expired and a fresh listing is needed. */
  private boolean watch() throws IOException, InterruptedException {
    HttpResponse<InputStream> resp = get("/api/v1/watch?resourceVersion=" + revision);
    try (InputStream in = resp.body()) {
      if (resp.statusCode() == 410) {
        LOG.info("config API {}: revision {} compacted; listing again", baseUrl, revision);
        return true;
      }
      if (resp.statusCode() != 200) throw new IOException("watch answered " + resp.statusCode());
      current = in;
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while (running && (line = reader.readLine()) != null) {
        if (line.isBlank()) continue;
        WatchLineHead head = WatchLineHead.of(codec.json().getFactory(), line);
        if (isEvent(head.type()) && head.kind() != null && !WANTED.contains(head.kind())) {
          // A user object or an address claim: only its revision matters here, no tree needed.
          revision = Math.max(revision, head.resourceVersion());
          continue;
        }
        JsonNode event = codec.json().readTree(line);
        String type = event.path("type").asText();
        JsonNode object = event.path("object");
        switch (type) {
          case "BOOKMARK" -> revision = Math.max(revision, object.path("metadata").path("resourceVersion").asLong());
          case "ERROR" -> {
            if (object.path("code").asInt() == 410) {
              LOG.info("config API {}: watch fell behind the retained history; listing again", baseUrl);
              return true;
            }
            throw new IOException("watch error: " + object);
          }
          case "ADDED", "MODIFIED", "DELETED" -> {
            long rv = object.path("metadata").path("resourceVersion").asLong();
            if (WANTED.contains(object.path("kind").asText())) index.apply(codec.fromTree(object), type.equals("DELETED"));
            revision = Math.max(revision, rv);
          }
          default -> LOG.debug("config API {}: ignoring watch event type {}", baseUrl, type);
        }
      }
      return false;
    } finally {
      current = null;
    }
  }

  private static boolean isEvent(String type) {
    return "ADDED".equals(type) || "MODIFIED".equals(type) || "DELETED".equals(type);
  }

  private HttpResponse<InputStream> get(String path) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private void sleep() {
    try {
      Thread.sleep(RETRY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    InputStream in = current;
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    if (thread != null) thread.interrupt();
    http.close();
  }
}
