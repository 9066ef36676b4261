package io.weft.agent.oper;

import java.util.BitSet;

/**
 * MPLS labels for ports (tungsten-fabric.md §5: unicast labels start at 4098, below them
 * the multicast block). The lowest free label is reused first, so a restarted agent that
 * re-attaches the same ports in the same order gets the same labels. Guarded by this.
 */
public final class LabelAllocator {
  public static final int FIRST_UNICAST = 4098;
  public static final int LAST = (1 << 20) - 1;
  private final BitSet used = new BitSet();

  public synchronized long allocate() {
    int i = used.nextClearBit(0);
    if (FIRST_UNICAST + i > LAST) throw new IllegalStateException("MPLS labels exhausted");
    used.set(i);
    return FIRST_UNICAST + i;
  }

  public synchronized void release(long label) {
    if (label >= FIRST_UNICAST) used.clear((int) (label - FIRST_UNICAST));
  }

  public synchronized int inUse() {
    return used.cardinality();
  }
}
