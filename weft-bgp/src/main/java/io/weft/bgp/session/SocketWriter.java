package io.weft.bgp.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Writes one connection's output, in the order it was handed over, on a virtual thread of
 * its own, so the session loop never blocks on a peer that stops reading: its timers still
 * run, and the Hold Timer of a peer that also stops sending still expires (RFC 4271 §6.5).
 *
 * <p>Encoded UPDATE octets handed over stay counted in the {@link OutboundBacklog} until they
 * are written to the socket, or dropped because the connection failed or closed: what the
 * backlog bounds is everything a stuck neighbour makes the speaker hold.
 *
 * <p>Threads: {@link #send}, {@link #finish} and {@link #close} on the session loop; the
 * writer thread alone writes to the channel. Every chunk leaves the queue exactly once
 * ({@code poll}/{@code take}), written or dropped, so each count is given back once.
 */
final class SocketWriter {
  /** How long a finished connection stays open for the peer to read what was sent last (a NOTIFICATION). */
  static final Duration LINGER = Duration.ofMillis(500);

  private record Chunk(ByteBuffer bytes, long counted) {}

  private static final Chunk END = new Chunk(ByteBuffer.allocate(0), 0);

  private final SocketChannel channel;
  private final OutboundBacklog backlog;
  private final Runnable drained;
  private final Consumer<String> failed;
  private final String name;
  private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
  private volatile boolean stopped; // the writer thread has ended: what is queued now is dropped
  private volatile boolean finishing; // finish or close was called: a failed write is ours, not news

  /**
   * @param drained called (on the writer thread) when giving octets back took the backlog below its low mark
   * @param failed called (on the writer thread) with the reason when a write fails before {@link #finish}/{@link #close}
   */
  SocketWriter(SocketChannel channel, OutboundBacklog backlog, Runnable drained, Consumer<String> failed, String name) {
    this.channel = channel;
    this.backlog = backlog;
    this.drained = drained;
    this.failed = failed;
    this.name = name;
    Thread.ofVirtual().name(name + "-writer").start(this::run);
  }

  SocketChannel channel() {
    return channel;
  }

  /** Queues {@code bytes} (whole messages), of which {@code counted} octets are in the backlog. */
  void send(byte[] bytes, long counted) {
    queue.add(new Chunk(ByteBuffer.wrap(bytes), counted));
    if (stopped) dropQueued(); // the writer may have ended before it could see this chunk
  }

  /**
   * Writes what is queued, then half-closes; the channel closes {@link #LINGER} after this
   * call whatever the writer got to, so a peer that does not read costs no more than that.
   * Closing a socket with unread input sends RST, which a peer may act on before reading
   * our NOTIFICATION; the reader keeps draining input meanwhile.
   */
  void finish() {
    finishing = true;
    queue.add(END);
    if (stopped) dropQueued();
    Thread.ofVirtual().name(name + "-linger").start(() -> {
      try {
        Thread.sleep(LINGER);
      } catch (InterruptedException ignored) {
        // close now
      }
      close();
    });
  }

  /** Closes the channel now; a write in progress fails and the writer ends. */
  void close() {
    finishing = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  private void run() {
    try {
      for (Chunk c; (c = queue.take()) != END; ) {
        try {
          while (c.bytes().hasRemaining()) channel.write(c.bytes());
        } finally {
          giveBack(c.counted());
        }
      }
      channel.shutdownOutput();
    } catch (IOException e) {
      if (!finishing) failed.accept("write failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped = true;
      dropQueued();
    }
  }

  private void dropQueued() {
    for (Chunk c; (c = queue.poll()) != null; ) giveBack(c.counted());
  }

  private void giveBack(long counted) {
    if (counted > 0 && backlog.taken(counted)) drained.run();
  }
}
