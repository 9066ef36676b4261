package io.weft.config.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.admission.Admission;
import io.weft.config.store.Store;
import io.weft.model.LabelSelector;
import io.weft.model.ResourceCodec;
import jakarta.servlet.DispatcherType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.servlet.FilterHolder;

/**
 * The config API server (weft-config/API.md) over a {@link Store}.
 *
 * <p>Threads: Jetty runs each request on its own virtual thread; handlers share only the
 * store (thread-safe by contract), the codec (immutable) and the metrics (thread-safe).
 * A watch holds its request's thread for the stream's lifetime. Creates are served by a
 * servlet filter ahead of Javalin ({@link CreateFilter}), everything else by Javalin's routes.
 */
public final class ConfigServer implements AutoCloseable {
  private static final String API = "/api/v1";
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

  private final String host;
  private final int port;
  private final PrometheusRegistry registry;
  private final Auth auth;
  private final ApiMetrics metrics;
  private final Bodies bodies;
  private final Answers answers;
  private final ResourceRoutes routes;
  private final WatchStreamer watches;
  private final Discovery discovery;
  private final Javalin app;

  public ConfigServer(Store store, PrometheusRegistry registry, String host, int port, String token) {
    this(store, registry, host, port, token, Admission.NONE);
  }

  /**
   * With an {@link Admission} hook run on every create, replace, patch and delete (the
   * compiler's address allocation, io.weft.compiler.AddressAllocator).
   */
  public ConfigServer(Store store, PrometheusRegistry registry, String host, int port, String token, Admission admission) {
    this(store, registry, host, port, token, WatchStreamer.BOOKMARK_INTERVAL, admission);
  }

  /** As the public constructor, with a shorter bookmark interval for tests. */
  ConfigServer(Store store, PrometheusRegistry registry, String host, int port, String token, Duration bookmarkInterval) {
    this(store, registry, host, port, token, bookmarkInterval, Admission.NONE);
  }

  ConfigServer(Store store, PrometheusRegistry registry, String host, int port, String token, Duration bookmarkInterval,
      Admission admission) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.registry = Objects.requireNonNull(registry, "registry");
    ResourceCodec codec = new ResourceCodec();
    this.auth = new Auth(token);
    this.metrics = new ApiMetrics(registry);
    this.bodies = new Bodies(codec);
    this.answers = new Answers(bodies);
    this.routes = new ResourceRoutes(store, codec, bodies, Objects.requireNonNull(admission, "admission"));
    this.watches = new WatchStreamer(store, bodies, metrics, bookmarkInterval);
    this.discovery = new Discovery(bodies.json());
    this.app = Javalin.create(config -> {
      config.useVirtualThreads = true;
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      // Compression would buffer watch streams; answers are small anyway.
      config.http.disableCompression();
      CreateFilter creates = new CreateFilter(auth, routes, answers, metrics);
      config.jetty.modifyServletContextHandler(handler ->
          handler.addFilter(new FilterHolder(creates), API + "/*", EnumSet.of(DispatcherType.REQUEST)));
    });
    app.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok"));
    app.get("/metrics", this::metrics);
    app.get(API, ctx -> serve(ctx, Verb.GET));
    for (Verb verb : Verb.values()) {
      String path = API + "/<path>";
      switch (verb) {
        case GET -> app.get(path, ctx -> serve(ctx, verb));
        case POST -> app.post(path, ctx -> serve(ctx, verb));
        case PUT -> app.put(path, ctx -> serve(ctx, verb));
        case PATCH -> app.patch(path, ctx -> serve(ctx, verb));
        case DELETE -> app.delete(path, ctx -> serve(ctx, verb));
      }
    }
  }

  /** Binds and starts serving; a port of 0 binds an ephemeral port, see {@link #port()}. */
  public ConfigServer start() {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  /** Ends open watch streams cleanly, then stops the server. The store stays open. */
  @Override
  public void close() {
    watches.shutdown(SHUTDOWN_GRACE);
    app.stop();
  }

  private enum Verb { GET, POST, PUT, PATCH, DELETE }

  private void metrics(Context ctx) throws IOException {
    long start = System.nanoTime();
    try {
      auth.check(ctx.header("Authorization"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
      ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(out.toByteArray());
    } catch (ApiError e) {
      reply(ctx, e.code(), answers.tree(e));
    } finally {
      metrics.record("metrics", "*", ctx.statusCode(), System.nanoTime() - start);
    }
  }

  /** Every /api/v1 request: authenticate, route, answer, and map every refusal to API.md's errors. */
  private void serve(Context ctx, Verb verb) {
    long start = System.nanoTime();
    String metricVerb = verb.name().toLowerCase(java.util.Locale.ROOT);
    String metricKind = "*";
    try {
      auth.check(ctx.header("Authorization"));
      String rest = ctx.pathParamMap().getOrDefault("path", "");
      ApiPath path;
      try {
        path = ApiPath.parse(rest, verb == Verb.PUT);
      } catch (ApiError e) {
        metricKind = "unknown";
        throw e;
      }
      metricKind = path.metricKind();
      metricVerb = verbName(path, verb, ctx);
      route(ctx, path, verb);
    } catch (RuntimeException e) {
      ApiError error = answers.failure(ctx.req(), ctx.res(), e);
      if (error != null) reply(ctx, error.code(), answers.tree(error));
    } finally {
      metrics.record(metricVerb, metricKind, ctx.statusCode(), System.nanoTime() - start);
    }
  }

  private void route(Context ctx, ApiPath path, Verb verb) {
    ResourceRoutes.Reply reply = switch (path.target()) {
      case DISCOVERY -> {
        requireVerb(verb, Verb.GET);
        yield new ResourceRoutes.Reply(200, discovery.document());
      }
      case WATCH_ALL -> {
        requireVerb(verb, Verb.GET);
        watch(ctx, path);
        yield null;
      }
      case COLLECTION -> switch (verb) {
        case GET -> {
          if (Boolean.parseBoolean(ctx.queryParam("watch"))) {
            watch(ctx, path);
            yield null;
          }
          yield routes.list(path, selector(ctx));
        }
        case POST -> routes.create(path, Answers.body(ctx.req()), ctx.header("Content-Type"));
        default -> throw ApiError.methodNotAllowed(verb + " is not allowed on a list; use GET or POST");
      };
      case ITEM -> switch (verb) {
        case GET -> routes.get(path);
        case PUT -> routes.replace(path, body(ctx));
        case PATCH -> routes.patch(path, body(ctx));
        case DELETE -> routes.delete(path, revision(ctx) == null ? 0 : revision(ctx));
        case POST -> throw ApiError.methodNotAllowed("POST creates on the list path; use PUT or PATCH to change " + path.name());
      };
      case STATUS -> switch (verb) {
        case GET -> routes.get(path);
        case PUT -> routes.replaceStatus(path, body(ctx));
        default -> throw ApiError.methodNotAllowed(verb + " is not allowed on status; use PUT");
      };
    };
    if (reply == null) return;
    if (reply.json() == null) {
      reply(ctx, reply.status(), reply.body());
    } else if (Bodies.wantsYaml(ctx.header("Accept"))) {
      reply(ctx, reply.status(), bodies.tree(reply.json()));
    } else {
      send(ctx, reply.status(), Bodies.JSON, reply.json());
    }
  }

  /** Writes an answer straight to the servlet response (see {@link Answers}). */
  private static void send(Context ctx, int status, String contentType, byte[] body) {
    ctx.status(status);
    Answers.send(ctx.res(), status, contentType, body);
  }

  private void watch(Context ctx, ApiPath path) {
    LabelSelector selector = selector(ctx);
    Long from = revision(ctx);
    watches.stream(from, key -> path.kind() == null
            || (key.kind() == path.kind() && (path.project() == null || path.project().equals(key.project()))),
        selector, () -> {
          ctx.res().setStatus(200);
          ctx.res().setContentType("application/x-ndjson");
          ctx.status(200);
          return ctx.res().getOutputStream();
        });
  }

  private static String verbName(ApiPath path, Verb verb, Context ctx) {
    return switch (path.target()) {
      case DISCOVERY -> "discovery";
      case WATCH_ALL -> "watch";
      case COLLECTION -> verb == Verb.POST ? "create"
          : verb == Verb.GET ? (Boolean.parseBoolean(ctx.queryParam("watch")) ? "watch" : "list") : verb.name().toLowerCase(java.util.Locale.ROOT);
      case ITEM -> switch (verb) {
        case PUT -> "update";
        default -> verb.name().toLowerCase(java.util.Locale.ROOT);
      };
      case STATUS -> verb == Verb.PUT ? "update_status" : verb.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static void requireVerb(Verb verb, Verb allowed) {
    if (verb != allowed) throw ApiError.methodNotAllowed(verb + " is not allowed here; use " + allowed);
  }

  private com.fasterxml.jackson.databind.JsonNode body(Context ctx) {
    return bodies.read(Answers.body(ctx.req()), ctx.header("Content-Type"));
  }

  private static LabelSelector selector(Context ctx) {
    try {
      return LabelSelector.parse(ctx.queryParam("labelSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("labelSelector", e.getMessage());
    }
  }

  private static Long revision(Context ctx) {
    String rv = ctx.queryParam("resourceVersion");
    if (rv == null || rv.isBlank()) return null;
    if (!rv.matches("\\d{1,18}")) throw ApiError.invalid("resourceVersion", "'" + rv + "' is not a non-negative integer");
    return Long.parseLong(rv);
  }

  private void reply(Context ctx, int status, com.fasterxml.jackson.databind.JsonNode body) {
    ctx.status(status);
    answers.reply(ctx.res(), ctx.header("Accept"), status, body);
  }
}
