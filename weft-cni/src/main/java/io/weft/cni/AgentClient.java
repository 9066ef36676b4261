package io.weft.cni;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.0 over a plain socket to the agent's port API on loopback: one request per
 * connection, the answer read to EOF. Kept this small for start-up time (see {@link Json}).
 */
final class AgentClient {
  record Response(int status, String body) {}

  private final String host;
  private final int port;
  private final int timeoutMs;

  AgentClient(String host, int port, int timeoutMs) {
    this.host = host;
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  Response call(String method, String path, String body) throws IOException {
    return call(method, path, body, timeoutMs);
  }

  /** With a read timeout of {@code readTimeoutMs}, for requests the agent answers once something is ready. */
  Response call(String method, String path, String body, int readTimeoutMs) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMs);
      s.setSoTimeout(Math.max(timeoutMs, readTimeoutMs));
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head = method + " " + path + " HTTP/1.0\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
          + b.length + "\r\nConnection: close\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(b);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int sp = text.indexOf(' ');
      int end = text.indexOf("\r\n\r\n");
      if (sp < 0 || end < 0) throw new IOException("malformed answer from the agent");
      int status = Integer.parseInt(text.substring(sp + 1, sp + 4));
      String headers = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
      String payload = text.substring(end + 4);
      if (headers.contains("transfer-encoding: chunked")) payload = dechunk(payload);
      return new Response(status, payload);
    }
  }

  private static String dechunk(String p) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < p.length()) {
      int nl = p.indexOf("\r\n", i);
      if (nl < 0) break;
      int n = Integer.parseInt(p.substring(i, nl).trim(), 16);
      if (n == 0) break;
      out.append(p, nl + 2, nl + 2 + n);
      i = nl + 2 + n + 2;
    }
    return out.toString();
  }
}
