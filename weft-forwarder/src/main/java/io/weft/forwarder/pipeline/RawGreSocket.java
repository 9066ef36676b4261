package io.weft.forwarder.pipeline;

import io.weft.forwarder.sys.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A raw IPv4 socket for protocol 47 (GRE), opened through FFM: the kernel writes the outer
 * IPv4 header on send, and receive returns the whole datagram including it. Needs
 * CAP_NET_RAW. Bound to the underlay address so two forwarders on one machine each see
 * only datagrams to their own address.
 */
final class RawGreSocket implements AutoCloseable {
  private final int fd;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment scratch = arena.allocate(Pipeline.MAX_FRAME);
  private volatile boolean closed;

  private RawGreSocket(int fd) {
    this.fd = fd;
  }

  static RawGreSocket open(InetAddress local) throws IOException {
    if (!(local instanceof Inet4Address)) throw new IOException("MPLSoGRE needs an IPv4 underlay");
    int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW, 47);
    try (Arena a = Arena.ofConfined()) {
      Libc.bind(fd, Libc.sockaddrIn(a, local.getAddress()));
    } catch (IOException e) {
      Libc.close(fd);
      throw e;
    }
    return new RawGreSocket(fd);
  }

  synchronized void send(InetAddress remote, ByteBuffer buf) throws IOException {
    int len = buf.remaining();
    MemorySegment.copy(MemorySegment.ofBuffer(buf), 0, scratch, 0, len);
    try (Arena a = Arena.ofConfined()) {
      Libc.sendto(fd, scratch, len, Libc.sockaddrIn(a, remote.getAddress()));
    }
  }

  /** Receives one datagram at {@code offset} of {@code buf}; 0 on timeout, -1 once closed. */
  int receive(ByteBuffer buf, int offset, int timeoutMillis) {
    try {
      if (closed) return -1;
      if (!Libc.pollIn(fd, timeoutMillis)) return closed ? -1 : 0;
      MemorySegment target = MemorySegment.ofBuffer(buf.limit(buf.capacity()).position(0)).asSlice(offset);
      long n = Libc.recv(fd, target, target.byteSize());
      return n < 0 ? 0 : (int) n;
    } catch (IOException e) {
      return closed ? -1 : 0;
    }
  }

  @Override
  public void close() {
    closed = true;
    // The receive loop polls with a timeout, so it sees 'closed' and leaves before the fd goes.
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Libc.close(fd);
    synchronized (this) {
      arena.close();
    }
  }
}
