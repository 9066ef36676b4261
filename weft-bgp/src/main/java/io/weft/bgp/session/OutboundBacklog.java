package io.weft.bgp.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The octets of encoded UPDATEs handed to a session and not yet written to its socket: what
 * a neighbour that stops reading makes the speaker hold (the session's queue, its output
 * buffer and its writer's queue). Whoever hands UPDATEs over asks {@link #full} first and
 * stops above {@link #HIGH_WATER}; once the writer has written (or dropped with a closed
 * connection) enough to take the count below {@link #LOW_WATER}, {@link #taken} says so once,
 * and the producer catches the neighbour up from what it still owes (the Adj-RIB-Out's
 * pending bits), not from a queue of every intermediate change.
 *
 * <p>Threads: {@link #added} and {@link #full} on the producer's thread, {@link #taken} on
 * the session's loop (octets it will not send) or its connection's writer; lock-free.
 */
public final class OutboundBacklog {
  /**
   * 1 MiB: some 250 full 4096-octet UPDATEs, a quarter of a million VPNv4 prefixes sharing a
   * path. The kernel's send buffer (up to 4 MiB) is in front of it, so a neighbour that reads
   * at all rarely reaches it and keeps its update group's shared bytes; a stuck one costs this
   * much (plus one message group, see AdjRibOut), a hundred of them 100 MiB.
   */
  public static final long HIGH_WATER = 1 << 20;

  /**
   * A quarter of the high mark: the session still has this much to write while the producer
   * encodes the catch-up, and a neighbour hovering near the high mark does not flip between
   * stopped and fed on every batch.
   */
  public static final long LOW_WATER = HIGH_WATER / 4;

  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();
  private final AtomicBoolean drainWanted = new AtomicBoolean();

  OutboundBacklog() {}

  void added(long n) {
    long now = bytes.addAndGet(n);
    if (now > peak.get()) peak.accumulateAndGet(now, Math::max);
  }

  /** {@code n} octets were written or dropped; true once when the count fell below the low mark after {@link #full} said full. */
  boolean taken(long n) {
    return bytes.addAndGet(-n) < LOW_WATER && drainWanted.get() && drainWanted.compareAndSet(true, false);
  }

  /** True above the high mark; {@link #taken} then reports when it drained. */
  boolean full() {
    if (bytes.get() <= HIGH_WATER) return false;
    drainWanted.set(true);
    // The loop may have drained it between the two reads, before it could see the flag: then
    // nobody would report the drain. Take the report back here instead.
    return !(bytes.get() < LOW_WATER && drainWanted.compareAndSet(true, false));
  }

  long bytes() {
    return bytes.get();
  }

  /** The most ever queued. */
  long peak() {
    return peak.get();
  }
}
