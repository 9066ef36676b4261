package io.weft.cli.api;

import java.net.URI;

/** No answer from the config API at all: refused, timed out, or the connection broke. */
public final class ServerUnreachableException extends RuntimeException {
  private final URI server;

  public ServerUnreachableException(URI server, Throwable cause) {
    super(describe(server, cause), cause);
    this.server = server;
  }

  public URI server() {
    return server;
  }

  private static String describe(URI server, Throwable cause) {
    String what = cause instanceof java.net.ConnectException ? "connection refused"
        : cause instanceof java.net.http.HttpTimeoutException ? "timed out"
        : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return "cannot reach the config API at " + server + " (" + what + "); is 'bin/weft up' running?";
  }
}
