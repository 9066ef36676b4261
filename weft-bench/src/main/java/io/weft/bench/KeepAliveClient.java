package io.weft.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket: the load generator's client,
 * kept lean because it shares the machine's two cores with the server under test (no
 * selector thread or asynchronous pipeline as in java.net.http.HttpClient). Every answer is
 * read to its end (Content-Length or chunked) and handed back whole, so the caller can
 * check its status and body. Not thread-safe: one per client thread.
 */
final class KeepAliveClient implements AutoCloseable {
  /** A whole answer. */
  record Answer(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String host;
  private final int port;
  private final byte[] hostHeader;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final ByteArrayOutputStream request = new ByteArrayOutputStream(512);

  KeepAliveClient(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
    this.hostHeader = (host + ":" + port).getBytes(StandardCharsets.US_ASCII);
  }

  Answer post(String path, byte[] json) throws IOException {
    return exchange("POST", path, json);
  }

  Answer get(String path) throws IOException {
    return exchange("GET", path, null);
  }

  private Answer exchange(String method, String path, byte[] body) throws IOException {
    if (socket == null) connect();
    request.reset();
    ascii(method + " " + path + " HTTP/1.1\r\nHost: ");
    request.write(hostHeader);
    if (body != null) {
      ascii("\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
      request.write(body);
    } else {
      ascii("\r\n\r\n");
    }
    out.write(request.toByteArray());
    out.flush();
    return readAnswer();
  }

  private void ascii(String s) {
    request.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private Answer readAnswer() throws IOException {
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) throw new IOException("bad status line: " + statusLine);
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h; !(h = line()).isEmpty(); ) {
      int colon = h.indexOf(':');
      if (colon < 0) continue;
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
      else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.equalsIgnoreCase("chunked");
      else if (name.equalsIgnoreCase("Connection")) close = value.equalsIgnoreCase("close");
    }
    byte[] body;
    if (chunked) body = chunkedBody();
    else if (length >= 0) body = in.readNBytes((int) length);
    else throw new IOException("answer " + status + " has neither Content-Length nor chunked encoding");
    if (length >= 0 && body.length != length) throw new IOException("answer cut short: " + body.length + " of " + length + " bytes");
    if (close) close();
    return new Answer(status, body);
  }

  private byte[] chunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (;;) {
      String size = line();
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length != n) throw new IOException("chunk cut short");
      body.writeBytes(chunk);
      if (!line().isEmpty()) throw new IOException("no CRLF after a chunk");
    }
  }

  /** One CRLF-terminated header line, without the CRLF. */
  private String line() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) throw new IOException("connection closed mid-answer");
      if (b != '\r') sb.append((char) b);
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) socket.close();
    socket = null;
  }
}
