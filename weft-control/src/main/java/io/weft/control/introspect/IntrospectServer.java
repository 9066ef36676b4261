package io.weft.control.introspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.control.rib.Family;
import io.weft.control.rib.Path;
import io.weft.control.rib.Rib;
import io.weft.control.rib.Route;
import io.weft.control.xmpp.AgentSessions;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.RouteEntry;
import io.weft.control.xmpp.RouteEntries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * Introspect on port 8083 (TF's control-node introspect, as JSON): {@code /sessions},
 * {@code /instances}, {@code /instances/{name}/routes?family=inet|inet6|evpn}, and
 * {@code /metrics} in Prometheus text format.
 *
 * <p>Threads: Jetty runs each request on a virtual thread; handlers read the RIB and the
 * sessions through their own locks.
 */
public final class IntrospectServer implements AutoCloseable {
  private final Rib rib;
  private final AgentSessions sessions;
  private final PrometheusRegistry registry;
  private final ObjectMapper json;
  private final Javalin app;

  public IntrospectServer(Rib rib, AgentSessions sessions, PrometheusRegistry registry, ObjectMapper json) {
    this.rib = rib;
    this.sessions = sessions;
    this.registry = registry;
    this.json = json;
    this.app = Javalin.create(config -> {
      config.useVirtualThreads = true;
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
    });
    app.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok"));
    app.get("/metrics", this::metrics);
    app.get("/sessions", ctx -> reply(ctx, json.valueToTree(sessions.status())));
    app.get("/instances", ctx -> reply(ctx, json.valueToTree(rib.instances())));
    app.get("/instances/{name}/routes", this::routes);
  }

  /** Adds a JSON endpoint (before {@link #start}); e.g. BGP's {@code /bgp/peers}. */
  public IntrospectServer json(String path, java.util.function.Supplier<Object> body) {
    app.get(path, ctx -> reply(ctx, json.valueToTree(body.get())));
    return this;
  }

  public IntrospectServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  private void routes(Context ctx) throws IOException {
    Family family;
    try {
      family = Family.valueOf(ctx.queryParamMap().getOrDefault("family", java.util.List.of("inet")).getFirst().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      ctx.status(400);
      reply(ctx, json.createObjectNode().put("message", "family is one of inet, inet6, evpn"));
      return;
    }
    ArrayNode out = json.createArrayNode();
    String instance = ctx.pathParam("name");
    for (Route r : rib.routes(instance, family)) {
      ObjectNode rn = out.addObject().put("prefix", r.prefix());
      int ecmp = r.ecmp().size();
      ArrayNode paths = rn.putArray("paths");
      for (int i = 0; i < r.paths().size(); i++) {
        Path p = r.paths().get(i);
        ObjectNode pn = paths.addObject().put("peer", p.peer()).put("best", i == 0).put("ecmp", i < ecmp)
            .put("stale", p.stale()).put("secondary", p.secondaryIn(instance)).put("primaryInstance", p.primaryInstance())
            .put("localPreference", p.attributes().localPreference()).put("med", p.attributes().med());
        if (p.route() instanceof RouteEntry e) {
          ArrayNode hops = pn.putArray("nextHops");
          for (NextHop h : RouteEntries.nextHops(e)) hops.addObject().put("address", h.address()).put("label", h.label());
        }
      }
    }
    reply(ctx, out);
  }

  private void metrics(Context ctx) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(out.toByteArray());
  }

  private void reply(Context ctx, Object tree) throws IOException {
    ctx.contentType("application/json").result(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
  }

  @Override
  public void close() {
    app.stop();
  }
}
