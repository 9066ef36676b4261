package io.weft.agent.services;

import io.weft.dns.DnsMessage;
import io.weft.dns.DnsQuestion;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A UDP DNS server on a loopback port answering with {@code answer}, remembering the questions it was asked. */
final class FakeDnsServer implements AutoCloseable {
  private final List<DnsQuestion> asked = new CopyOnWriteArrayList<>();
  private final DatagramSocket socket;
  private final Thread loop;

  /** {@code answer} maps a query to its response; null leaves the query unanswered. */
  FakeDnsServer(UnaryOperator<DnsMessage> answer) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    loop = Thread.ofVirtual().name("fake-dns").start(() -> {
      byte[] buf = new byte[512];
      while (!socket.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          socket.receive(p);
          DnsMessage q = DnsMessage.decode(ByteBuffer.wrap(buf, 0, p.getLength())).orThrow();
          asked.addAll(q.questions());
          DnsMessage a = answer.apply(q);
          if (a == null) continue;
          byte[] wire = a.encode();
          socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
        } catch (IOException e) {
          return; // closed
        }
      }
    });
  }

  List<DnsQuestion> asked() {
    return List.copyOf(asked);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    loop.join(2000);
  }
}
