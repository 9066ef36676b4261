package io.weft.control.it;

import java.time.Duration;

/** Polls an assertion until it holds or the time is up (then rethrows its last failure). */
final class Eventually {
  private Eventually() {}

  static void within(Duration d, Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + d.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) throw e;
        Thread.sleep(25);
      }
    }
  }

  /** Asserts that {@code assertion} keeps holding for {@code d}. */
  static void throughout(Duration d, Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < deadline) {
      assertion.run();
      Thread.sleep(25);
    }
  }
}
