package io.weft.forwarder.pipeline;

import io.weft.forwarder.Encapsulation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The underlay: sends encapsulated packets to other hosts and runs receive loops that
 * hand datagrams to the pipeline.
 */
public interface UnderlayTransport extends AutoCloseable {
  /** The encapsulations this transport can carry (MPLSoGRE only if a raw socket opened). */
  Set<Encapsulation> supported();

  /** Sends {@code [from, to)} of {@code buf} (already encapsulated) to the tunnel's remote. */
  void send(Adjacency.Tunnel tunnel, ByteBuffer buf, int from, int to) throws IOException;

  /**
   * The largest encapsulated packet one datagram carries without IP fragmentation: the
   * underlay MTU less the outer IP and UDP headers. A larger TSO segment is cut in software.
   */
  default int maxDatagram() {
    return 65_507;
  }

  /** Starts the receive loops (platform threads), feeding {@code pipeline}. */
  void start(Pipeline pipeline);

  @Override
  void close();
}
