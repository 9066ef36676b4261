package io.weft.agent.services.dns;

import io.weft.dns.DnsMessage;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Sends queries over UDP to a list of servers, trying each in turn until one answers within
 * the timeout: the host's resolvers ({@code nameserver} lines of /etc/resolv.conf, the
 * original's {@code default-dns-server} mode) or the control nodes' DNS servers (its
 * {@code virtual-dns-server} mode, where contrail-named answers). Each call uses its own
 * socket, so concurrent queries cannot take each other's answers.
 */
public final class UdpUpstream implements Upstream {
  private final List<InetSocketAddress> servers;
  private final Duration timeout;

  public UdpUpstream(List<InetSocketAddress> servers, Duration timeout) {
    this.servers = List.copyOf(servers);
    this.timeout = timeout;
  }

  public static UdpUpstream fromResolvConf(Path resolvConf, Duration timeout) {
    List<InetSocketAddress> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(resolvConf)) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 2 && f[0].equals("nameserver")) out.add(new InetSocketAddress(InetAddress.ofLiteral(f[1]), DnsMessage.PORT));
      }
    } catch (IOException | IllegalArgumentException e) {
      // no resolvers: every forwarded query fails with SERVFAIL
    }
    return new UdpUpstream(out, timeout);
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
          // only the server asked, with the query's id, may answer (RFC 5452 §9.1)
          if (p.getSocketAddress().equals(s) && p.getLength() >= 2 && buf[0] == query[0] && buf[1] == query[1]) {
            return Optional.of(Arrays.copyOf(buf, p.getLength()));
          }
        }
      } catch (SocketTimeoutException e) {
        // try the next server
      } catch (IOException e) {
        // unreachable server: try the next
      }
    }
    return Optional.empty();
  }
}
