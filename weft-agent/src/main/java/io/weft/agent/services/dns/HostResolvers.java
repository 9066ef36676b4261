package io.weft.agent.services.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Forwards queries over UDP to the host's resolvers ({@code nameserver} lines of
 * /etc/resolv.conf), trying each in turn (the original's {@code default-dns-server} mode).
 * Each call uses its own socket, so concurrent queries cannot take each other's answers.
 */
public final class HostResolvers implements Upstream {
  private final List<InetSocketAddress> servers;
  private final Duration timeout;

  public HostResolvers(List<InetSocketAddress> servers, Duration timeout) {
    this.servers = List.copyOf(servers);
    this.timeout = timeout;
  }

  public static HostResolvers fromResolvConf(Path resolvConf, Duration timeout) {
    List<InetSocketAddress> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(resolvConf)) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 2 && f[0].equals("nameserver")) out.add(new InetSocketAddress(InetAddress.ofLiteral(f[1]), DnsMessage.PORT));
      }
    } catch (IOException | IllegalArgumentException e) {
      // no resolvers: every forwarded query fails with SERVFAIL
    }
    return new HostResolvers(out, timeout);
  }

  public List<InetSocketAddress> servers() {
    return servers;
  }

  @Override
  public Optional<byte[]> resolve(byte[] query) {
    for (InetSocketAddress s : servers) {
      try (DatagramSocket sock = new DatagramSocket()) {
        sock.setSoTimeout((int) timeout.toMillis());
        sock.send(new DatagramPacket(query, query.length, s));
        byte[] buf = new byte[4096];
        while (true) {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          sock.receive(p);
          if (p.getLength() >= 2 && buf[0] == query[0] && buf[1] == query[1]) {
            return Optional.of(java.util.Arrays.copyOf(buf, p.getLength()));
          }
        }
      } catch (SocketTimeoutException e) {
        // try the next resolver
      } catch (IOException e) {
        // unreachable resolver: try the next
      }
    }
    return Optional.empty();
  }
}
