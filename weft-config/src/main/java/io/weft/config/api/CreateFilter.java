package io.weft.config.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves creates ({@code POST} on a list path, API.md "Paths") in a servlet filter ahead of
 * Javalin, which routes every request by matching regular expressions and builds a context
 * with its task pipeline around it: under C1 that was a noticeable part of a create, the
 * request the config API serves most. The answer is the one {@link ConfigServer} gives
 * (same auth, routes, errors and metrics). Any other request, and any path this filter does
 * not read exactly as written (percent-encoded, a trailing or doubled slash, one that names
 * no list), goes on to Javalin unchanged.
 */
final class CreateFilter implements Filter {
  private static final String PREFIX = "/api/v1/";

  private final Auth auth;
  private final ResourceRoutes routes;
  private final Answers answers;
  private final ApiMetrics metrics;

  CreateFilter(Auth auth, ResourceRoutes routes, Answers answers, ApiMetrics metrics) {
    this.auth = auth;
    this.routes = routes;
    this.answers = answers;
    this.metrics = metrics;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    ApiPath path = "POST".equals(req.getMethod()) ? listPath(req.getRequestURI()) : null;
    if (path == null) {
      chain.doFilter(request, response);
      return;
    }
    create(req, (HttpServletResponse) response, path);
  }

  /** The list path {@code uri} names, or null when it is not one as plainly written. */
  private static ApiPath listPath(String uri) {
    if (uri == null || !uri.startsWith(PREFIX) || uri.endsWith("/") || uri.indexOf('%') >= 0 || uri.indexOf("//") >= 0) return null;
    try {
      ApiPath p = ApiPath.parse(uri.substring(PREFIX.length()), false);
      return p.target() == ApiPath.Target.COLLECTION ? p : null;
    } catch (ApiError e) {
      return null; // Javalin's route answers it
    }
  }

  private void create(HttpServletRequest req, HttpServletResponse res, ApiPath path) {
    long start = System.nanoTime();
    // As ConfigServer labels them: a request refused before its path is read is a "post" of "*".
    String verb = "post";
    String kind = "*";
    try {
      auth.check(req.getHeader("Authorization"));
      verb = "create";
      kind = path.metricKind();
      ResourceRoutes.Reply reply = routes.create(path, Answers.body(req), req.getHeader("Content-Type"));
      String accept = req.getHeader("Accept");
      if (Bodies.wantsYaml(accept)) answers.reply(res, accept, reply.status(), answers.bodies().tree(reply.json()));
      else Answers.send(res, reply.status(), Bodies.JSON, reply.json());
    } catch (RuntimeException e) {
      ApiError error = answers.failure(req, res, e);
      if (error != null) answers.reply(res, req.getHeader("Accept"), error.code(), answers.tree(error));
    } finally {
      metrics.record(verb, kind, res.getStatus(), System.nanoTime() - start);
    }
  }
}
