package io.weft.forwarder;

import java.util.Map;

/** Counters of a port, a VRF, the underlay, or the whole forwarder at one moment. */
public record CounterSnapshot(long rxPackets, long rxBytes, long txPackets, long txBytes, Map<DropReason, Long> drops) {
  public long drops(DropReason reason) {
    return drops.getOrDefault(reason, 0L);
  }
}
