package io.weft.cni;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
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
    try (Socket s = new Socket(Proxy.NO_PROXY)) { // no proxy selector to load and consult on loopback
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
      byte[] all = in.readAllBytes();
      int end = indexOf(all, HEADER_END, 0);
      String headers = end < 0 ? "" : new String(all, 0, end, StandardCharsets.US_ASCII);
      int sp = headers.indexOf(' ');
      if (sp < 0 || headers.length() < sp + 4) throw new IOException("malformed answer from the agent");
      int status = Integer.parseInt(headers.substring(sp + 1, sp + 4));
      boolean chunked = headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
      // Chunk sizes count bytes, so the body is de-chunked before it is decoded as UTF-8.
      byte[] payload = chunked ? dechunk(all, end + 4) : java.util.Arrays.copyOfRange(all, end + 4, all.length);
      return new Response(status, new String(payload, StandardCharsets.UTF_8));
    }
  }

  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
  private static final byte[] CRLF = {'\r', '\n'};

  /** The body of a chunked transfer starting at {@code from} (RFC 9112 §7.1); extensions and trailers ignored. */
  static byte[] dechunk(byte[] p, int from) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = from;
    while (i < p.length) {
      int nl = indexOf(p, CRLF, i);
      if (nl < 0) break;
      String size = new String(p, i, nl - i, StandardCharsets.US_ASCII);
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0 || nl + 2 + n > p.length) break;
      out.write(p, nl + 2, n);
      i = nl + 2 + n + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
