package io.weft.forwarder.port;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a port's frames come from and go to: a TAP device, or memory in tests. One packet
 * loop thread calls {@link #receive}; {@link #send} may be called from any thread (packet
 * loops of other ports, the agent) and must be safe for that.
 */
public interface PortBackend extends AutoCloseable {
  /**
   * Reads one Ethernet frame into {@code buf} starting at its position (the limit bounds the
   * size). Returns its length, 0 if none arrived within {@code timeoutMillis}, or -1 once
   * the backend is closed.
   */
  int receive(ByteBuffer buf, int timeoutMillis) throws IOException;

  /**
   * Length of the virtio-net header ({@link io.weft.forwarder.packet.VirtioNetHeader}) this
   * backend puts in front of every frame it receives and expects in front of every frame it
   * sends; 0 for plain frames. A TAP with offloads has one.
   */
  default int vnetHeaderLength() {
    return 0;
  }

  /** Writes the frame between the buffer's position and limit; the position is left unspecified. */
  void send(ByteBuffer frame) throws IOException;

  @Override
  void close();
}
