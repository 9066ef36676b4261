package io.weft.forwarder.table;

import io.weft.forwarder.FlowAction;
import io.weft.forwarder.FlowKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flows keyed by 5-tuple + VRF. Packet threads look up and create HOLD entries; the agent's
 * decisions and the aging sweep update them. The map is concurrent; a per-port counter
 * enforces the flow limit (counted on the entry created by a miss, released when it goes).
 *
 * <p>Aging (times in the injected clock's nanoseconds): an entry idle longer than its
 * timeout — idle, TCP-closing, or hold — is removed together with its reverse when both are
 * idle; held packets of an expired HOLD entry are reported as dropped.
 */
public final class FlowTable {
  /** Timeouts in nanoseconds. */
  public record Timeouts(long idle, long tcpClosing, long hold) {}

  private final ConcurrentHashMap<FlowKey, FlowEntry> flows = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perPort = new ConcurrentHashMap<>();
  private final int perPortLimit;
  private final Timeouts timeouts;

  public FlowTable(int perPortLimit, Timeouts timeouts) {
    this.perPortLimit = perPortLimit;
    this.timeouts = timeouts;
  }

  public FlowEntry get(FlowKey key) {
    return flows.get(key);
  }

  public int size() {
    return flows.size();
  }

  /**
   * Creates a HOLD entry for a missed key. Returns the existing entry if another thread won
   * the race, or null if {@code ingress} is at its flow limit.
   */
  public FlowEntry miss(FlowKey key, String ingress, long now) {
    AtomicInteger count = perPort.computeIfAbsent(ingress, p -> new AtomicInteger());
    if (count.incrementAndGet() > perPortLimit) {
      count.decrementAndGet();
      return null;
    }
    FlowEntry fresh = new FlowEntry(key, ingress, FlowAction.HOLD, now, true);
    FlowEntry prior = flows.putIfAbsent(key, fresh);
    if (prior != null) {
      count.decrementAndGet();
      return prior;
    }
    return fresh;
  }

  /**
   * Installs forward and reverse entries with one action (an existing HOLD entry is decided
   * in place). Returns the packets that were held on either, in arrival order per direction.
   */
  public List<Held> install(FlowKey forward, FlowKey reverse, FlowAction action, String mirrorPort, String rule,
      String ingress, long now) {
    FlowEntry f = flows.computeIfAbsent(forward, k -> new FlowEntry(k, ingress, FlowAction.HOLD, now, false));
    FlowEntry r = flows.computeIfAbsent(reverse, k -> new FlowEntry(k, ingress, FlowAction.HOLD, now, false));
    List<Held> released = new ArrayList<>();
    for (byte[] p : f.decide(action, r, mirrorPort, rule)) released.add(new Held(f.ingress(), p));
    for (byte[] p : r.decide(action, f, mirrorPort, rule)) released.add(new Held(r.ingress(), p));
    return released;
  }

  /** A packet that waited in HOLD, with where it came in. */
  public record Held(String ingress, byte[] packet) {}

  /** Removes the pair containing {@code key}; returns how many entries went. */
  public int remove(FlowKey key) {
    FlowEntry e = flows.get(key);
    if (e == null) return 0;
    int n = drop(e);
    FlowEntry r = e.reverse();
    if (r != null) n += drop(r);
    return n;
  }

  /** Removes flows idle past their timeout; returns the number of held packets discarded. */
  public AgingResult age(long now) {
    int removed = 0;
    int heldDropped = 0;
    for (FlowEntry e : flows.values()) {
      if (!expired(e, now)) continue;
      FlowEntry r = e.reverse();
      if (r != null && flows.get(r.key()) == r && !expired(r, now)) continue;
      heldDropped += e.heldCount();
      removed += drop(e);
      if (r != null) removed += drop(r);
    }
    return new AgingResult(removed, heldDropped);
  }

  /** What one aging sweep did. */
  public record AgingResult(int removed, int heldDropped) {}

  private boolean expired(FlowEntry e, long now) {
    long timeout = e.action() == FlowAction.HOLD ? timeouts.hold() : e.closing() ? timeouts.tcpClosing() : timeouts.idle();
    return now - e.lastUsed() > timeout;
  }

  private int drop(FlowEntry e) {
    if (!flows.remove(e.key(), e)) return 0;
    if (e.counted) {
      AtomicInteger c = perPort.get(e.ingress());
      if (c != null) c.decrementAndGet();
    }
    return 1;
  }

  public int flowsOf(String ingress) {
    AtomicInteger c = perPort.get(ingress);
    return c == null ? 0 : c.get();
  }

  public List<FlowEntry> entries() {
    return List.copyOf(flows.values());
  }
}
