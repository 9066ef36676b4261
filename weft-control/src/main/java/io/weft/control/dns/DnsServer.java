package io.weft.control.dns;

import io.weft.dns.DnsMessage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control node's DNS server: UDP (RFC 1035 §4.2.1; no TCP), answering from a
 * {@link PortZone}. One virtual thread receives, answers from memory and sends; a packet that
 * breaks anything is counted and dropped, never ends the loop.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
  /** Larger than any query a stub sends over UDP; a longer datagram is cut and then malformed. */
  private static final int RECEIVE_BUFFER = 4096;

  private final DatagramSocket socket;
  private final PortZone zone;
  private final Thread loop;
  private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();

  private DnsServer(DatagramSocket socket, PortZone zone) {
    this.socket = socket;
    this.zone = zone;
    this.loop = Thread.ofVirtual().name("control-dns").unstarted(this::serve);
  }

  /** Binds {@code address} (port 0 picks one) and starts answering. */
  public static DnsServer start(InetSocketAddress address, PortZone zone) throws IOException {
    DnsServer s = new DnsServer(new DatagramSocket(address), zone);
    s.loop.start();
    return s;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Responses sent, by RCODE name (noerror, nxdomain, refused, formerr, ...). */
  public Map<String, Long> answers() {
    Map<String, Long> out = new TreeMap<>();
    answers.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Datagrams that got no response: responses, runts, failures. */
  public long dropped() {
    return dropped.sum();
  }

  private void serve() {
    byte[] buf = new byte[RECEIVE_BUFFER];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        if (!socket.isClosed()) LOG.warn("DNS receive failed: {}", e.toString());
        continue;
      }
      try {
        byte[] response = zone.respond(Arrays.copyOf(buf, p.getLength())).orElse(null);
        if (response == null) {
          dropped.increment();
          continue;
        }
        socket.send(new DatagramPacket(response, response.length, p.getSocketAddress()));
        answers.computeIfAbsent(rcodeName(response[3] & 0xf), k -> new LongAdder()).increment();
      } catch (IOException | RuntimeException e) {
        dropped.increment();
        LOG.debug("DNS query from {} dropped: {}", p.getSocketAddress(), e.toString());
      }
    }
  }

  private static String rcodeName(int rcode) {
    return switch (rcode) {
      case DnsMessage.RCODE_NOERROR -> "noerror";
      case DnsMessage.RCODE_FORMERR -> "formerr";
      case DnsMessage.RCODE_SERVFAIL -> "servfail";
      case DnsMessage.RCODE_NXDOMAIN -> "nxdomain";
      case DnsMessage.RCODE_NOTIMP -> "notimp";
      case DnsMessage.RCODE_REFUSED -> "refused";
      default -> "rcode" + rcode;
    };
  }

  @Override
  public void close() {
    socket.close();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
