package io.weft.cni;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for the agent's port API while {@code bin/weft-cni --aot-train} records the
 * plugin's AOT cache: it answers {@code POST /cni/add} as the agent does, so the training ADD
 * takes the success path (answer read, result written) and the cache holds the classes a real
 * ADD loads. It runs in a process of its own so that none of its classes (a server socket)
 * enter the cache. Shipped in the jar because a stale cache is re-trained where the plugin is
 * installed. Prints its port, answers {@code args[0]} requests (default 1), and exits — after
 * 30 s at the latest.
 */
public final class AotTrainingAgent {
  static final String ADD_ANSWER = "{\"id\":\"00000000-0000-4000-8000-000000000001\",\"instance-id\":\"00000000-0000-4000-8000-000000000002\","
      + "\"system-name\":\"tap00000000000\",\"rx-vlan-id\":-1,\"tx-vlan-id\":-1,\"vm-name\":\"aot-training\",\"ready\":true,"
      + "\"vn-id\":\"default-domain:aot:net:net\",\"vm-project-id\":\"aot\",\"mac-address\":\"02:00:00:00:00:01\","
      + "\"vn-name\":\"default-domain:aot:net:net\",\"vrf\":\"default-domain:aot:net:net\",\"mpls-label\":16,"
      + "\"ip-address\":\"10.255.0.2\",\"plen\":24,\"gateway\":\"10.255.0.1\",\"dns-server\":\"10.255.0.2\","
      + "\"host-ifname\":\"tap00000000000\"}";

  private AotTrainingAgent() {}

  public static void main(String[] args) throws IOException {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Thread.ofPlatform().daemon().start(() -> {
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        return;
      }
      System.exit(1);
    });
    try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      System.out.println(server.getLocalPort());
      System.out.flush();
      serve(server, requests);
    }
  }

  static void serve(ServerSocket server, int requests) throws IOException {
    for (int i = 0; i < requests; i++) {
      try (Socket s = server.accept()) {
        answer(s.getInputStream(), s.getOutputStream());
      }
    }
  }

  /** Reads one request (head and Content-Length body) and answers it as HTTP/1.1 with a length, as Jetty does. */
  static void answer(InputStream in, OutputStream out) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) return;
      head.append((char) c);
    }
    String h = head.toString().toLowerCase(java.util.Locale.ROOT);
    int at = h.indexOf("content-length:");
    int length = at < 0 ? 0 : Integer.parseInt(h.substring(at + 15, h.indexOf('\r', at)).trim());
    in.readNBytes(length);
    byte[] body = (h.startsWith("post /cni/add") ? ADD_ANSWER : "{}").getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }
}
