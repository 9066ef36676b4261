package io.weft.config.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading request bodies from and writing answers straight to the servlet request and
 * response, for Javalin's handlers and for {@link CreateFilter} alike. Javalin's
 * {@code bodyAsBytes} and {@code result()} copy through streams with a fresh 8 KB buffer
 * per request.
 */
final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
  /** The largest request body, Javalin's default limit (config.http.maxRequestSize). */
  static final int MAX_BODY = 1_000_000;

  private final Bodies bodies;

  Answers(Bodies bodies) {
    this.bodies = bodies;
  }

  /** The body, read with its announced length under the same limit Javalin enforces (413 above it). */
  static byte[] body(HttpServletRequest req) {
    long length = req.getContentLengthLong();
    if (length > MAX_BODY) throw tooLarge();
    byte[] bytes;
    try {
      bytes = req.getInputStream().readNBytes(length >= 0 ? (int) length : MAX_BODY + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_BODY) throw tooLarge();
    return bytes;
  }

  private static ApiError tooLarge() {
    return ApiError.http(413, "Payload Too Large: a body may have at most " + MAX_BODY + " bytes");
  }

  /** Writes an answer with its length. */
  static void send(HttpServletResponse res, int status, String contentType, byte[] body) {
    res.setStatus(status);
    res.setContentType(contentType);
    res.setContentLength(body.length);
    try {
      res.getOutputStream().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders {@code body} as the client's Accept header asks (JSON unless YAML) and writes it. */
  void reply(HttpServletResponse res, String accept, int status, JsonNode body) {
    byte[] rendered;
    try {
      rendered = bodies.render(body, accept);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("cannot render answer", e));
    }
    send(res, status, Bodies.wantsYaml(accept) ? Bodies.YAML : Bodies.JSON, rendered);
  }

  /**
   * The error to answer a request that failed with {@code e}: its API error, or 500 (logged)
   * for anything else; null when the answer has already started (logged), so none can follow.
   */
  ApiError failure(HttpServletRequest req, HttpServletResponse res, RuntimeException e) {
    ApiError error = ErrorMapper.map(e instanceof HttpResponseException h ? ApiError.http(h.getStatus(), h.getMessage()) : e);
    if (error == null) {
      LOG.error("{} {} failed", req.getMethod(), req.getRequestURI(), e);
      error = ApiError.internal();
    }
    if (res.isCommitted()) {
      LOG.warn("{} {} failed after the answer started: {}", req.getMethod(), req.getRequestURI(), e.toString());
      return null;
    }
    return error;
  }

  Bodies bodies() {
    return bodies;
  }

  JsonNode tree(ApiError error) {
    return error.toTree(bodies.json());
  }
}
