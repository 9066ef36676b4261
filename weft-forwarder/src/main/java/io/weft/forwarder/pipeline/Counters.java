package io.weft.forwarder.pipeline;

import io.weft.forwarder.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Packet and byte counters for one port or VRF, plus drops by reason. Updated from any packet thread. */
public final class Counters {
  public final LongAdder rxPackets = new LongAdder();
  public final LongAdder rxBytes = new LongAdder();
  public final LongAdder txPackets = new LongAdder();
  public final LongAdder txBytes = new LongAdder();
  private final LongAdder[] drops = new LongAdder[DropReason.values().length];

  public Counters() {
    for (int i = 0; i < drops.length; i++) drops[i] = new LongAdder();
  }

  public void rx(int bytes) {
    rxPackets.increment();
    rxBytes.add(bytes);
  }

  public void tx(int bytes) {
    txPackets.increment();
    txBytes.add(bytes);
  }

  public void drop(DropReason reason) {
    drops[reason.ordinal()].increment();
  }

  public long drops(DropReason reason) {
    return drops[reason.ordinal()].sum();
  }

  public Map<DropReason, Long> dropsByReason() {
    Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      long v = drops(r);
      if (v != 0) m.put(r, v);
    }
    return m;
  }
}
