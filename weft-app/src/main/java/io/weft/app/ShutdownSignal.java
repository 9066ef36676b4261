package io.weft.app;

import java.util.concurrent.CountDownLatch;

/** Waiting for SIGTERM/SIGINT in a command that runs roles until stopped. */
final class ShutdownSignal {
  private ShutdownSignal() {}

  /**
   * Blocks until SIGTERM/SIGINT. The hook waits for the calling thread to finish closing its
   * roles (its try-with-resources), so a stop never cuts a store close short.
   */
  static void await() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread runner = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        runner.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "weft-shutdown"));
    stop.await();
  }
}
