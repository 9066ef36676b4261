package io.weft.forwarder;

import io.weft.forwarder.port.PortBackend;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A port with no traffic whose packet loop ends as soon as it is closed, so tests that add
 * and remove many ports do not wait out a receive timeout on each removal.
 */
final class IdlePortBackend implements PortBackend {
  private final CountDownLatch closed = new CountDownLatch(1);

  @Override
  public int receive(ByteBuffer buf, int timeoutMillis) {
    try {
      return closed.await(timeoutMillis, TimeUnit.MILLISECONDS) ? -1 : 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void send(ByteBuffer frame) {}

  @Override
  public void close() {
    closed.countDown();
  }
}
