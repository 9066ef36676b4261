package io.weft.forwarder.port;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A port backend in memory: {@link #inject} plays the workload sending a frame, and
 * {@link #nextSent} collects what the forwarder delivered to it. Packet-in/packet-out tests
 * and the agent's own tests use it instead of a TAP device.
 */
public final class MemoryPortBackend implements PortBackend {
  private final BlockingQueue<byte[]> toForwarder = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> fromForwarder = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  /** The workload sends a frame into the forwarder. */
  public void inject(byte[] frame) {
    toForwarder.add(frame.clone());
  }

  /** The next frame the forwarder sent to the workload, or null after the timeout. */
  public byte[] nextSent(Duration timeout) throws InterruptedException {
    return fromForwarder.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public int sentCount() {
    return fromForwarder.size();
  }

  @Override
  public int receive(ByteBuffer buf, int timeoutMillis) {
    if (closed) return -1;
    byte[] f;
    try {
      f = toForwarder.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    if (f == null) return closed ? -1 : 0;
    int n = Math.min(f.length, buf.remaining());
    buf.put(buf.position(), f, 0, n);
    return n;
  }

  @Override
  public void send(ByteBuffer frame) {
    byte[] b = new byte[frame.remaining()];
    frame.get(frame.position(), b);
    fromForwarder.add(b);
  }

  @Override
  public void close() {
    closed = true;
  }
}
