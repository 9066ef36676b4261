package io.weft.forwarder.table;

import io.weft.forwarder.FlowAction;
import io.weft.forwarder.FlowKey;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a flow. Forward and reverse entries point at each other once the agent
 * has decided; before that the entry is in HOLD with up to {@link #MAX_HELD} packets.
 *
 * <p>Concurrency: {@code action}, {@code reverse}, {@code mirrorPort}, {@code rule} are
 * written by the control (agent) thread and read by packet threads (volatile). Counters are
 * updated atomically by whichever packet thread forwards; {@code lastUsed} and the TCP bits
 * are racy-but-monotonic hints for aging. The held queue is guarded by {@code this}.
 */
public final class FlowEntry {
  public static final int MAX_HELD = 3;
  private static final VarHandle PACKETS;
  private static final VarHandle BYTES;

  static {
    try {
      PACKETS = MethodHandles.lookup().findVarHandle(FlowEntry.class, "packets", long.class);
      BYTES = MethodHandles.lookup().findVarHandle(FlowEntry.class, "bytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final FlowKey key;
  private final String ingress;
  private final long created;
  private volatile FlowAction action;
  private volatile FlowEntry reverse;
  private volatile String mirrorPort;
  private volatile String rule = "";
  private volatile long lastUsed;
  private volatile boolean finSeen;
  private volatile boolean closing;
  /** The ECMP member this flow uses, -1 until its first forwarded packet picks one. */
  private volatile int ecmpIndex = -1;
  @SuppressWarnings("unused") private long packets;
  @SuppressWarnings("unused") private long bytes;
  private List<byte[]> held = new ArrayList<>(MAX_HELD);
  /** Whether this entry counts towards its ingress port's flow limit (the side that missed first). */
  final boolean counted;

  FlowEntry(FlowKey key, String ingress, FlowAction action, long now, boolean counted) {
    this.key = key;
    this.ingress = ingress;
    this.action = action;
    this.created = now;
    this.lastUsed = now;
    this.counted = counted;
  }

  public FlowKey key() { return key; }
  public String ingress() { return ingress; }
  public FlowAction action() { return action; }
  public FlowEntry reverse() { return reverse; }
  public String mirrorPort() { return mirrorPort; }
  public String rule() { return rule; }
  public long created() { return created; }
  public long lastUsed() { return lastUsed; }
  public boolean closing() { return closing; }
  public int ecmpIndex() { return ecmpIndex; }
  public long packets() { return (long) PACKETS.getVolatile(this); }
  public long bytes() { return (long) BYTES.getVolatile(this); }

  public void ecmpIndex(int index) {
    ecmpIndex = index;
  }

  /** Counts one forwarded (or dropped-by-flow) packet. */
  public void hit(int length, long now) {
    PACKETS.getAndAdd(this, 1L);
    BYTES.getAndAdd(this, (long) length);
    if (lastUsed != now) lastUsed = now;
  }

  /** TCP close tracking: RST closes both directions; FIN closes once seen both ways. */
  public void tcpFlags(int flags) {
    if ((flags & 0x04) != 0) {
      markClosing();
    } else if ((flags & 0x01) != 0 && !finSeen) {
      finSeen = true;
      FlowEntry r = reverse;
      if (r != null && r.finSeen) markClosing();
    }
  }

  private void markClosing() {
    closing = true;
    FlowEntry r = reverse;
    if (r != null) r.closing = true;
  }

  /**
   * Queues a copy of a packet while in HOLD. Returns its place in the queue (0: the first,
   * whose holder reports the miss), or -1 when the queue is full or the flow was decided.
   */
  public synchronized int hold(byte[] packet) {
    if (held == null || held.size() >= MAX_HELD) return -1;
    held.add(packet);
    return held.size() - 1;
  }

  /** Applies a decision; returns the packets held so far (to be re-run), and stops holding. */
  synchronized List<byte[]> decide(FlowAction action, FlowEntry reverse, String mirrorPort, String rule) {
    this.reverse = reverse;
    this.mirrorPort = mirrorPort;
    this.rule = rule;
    this.action = action;
    List<byte[]> out = held == null ? List.of() : held;
    held = null;
    return out;
  }

  synchronized int heldCount() {
    return held == null ? 0 : held.size();
  }
}
