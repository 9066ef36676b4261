package io.weft.bgp.peer;

import io.weft.bgp.session.Negotiated;
import io.weft.bgp.wire.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One neighbour's share of the {@link AdjRibOut}, as bitmaps over prefix ids: {@code wanted}
 * (the neighbour's Adj-RIB-Out holds the prefix's path), {@code advertised} (this session
 * was sent it and not a withdrawal since), {@code pending} (what it was sent may differ
 * from what it should have). Three bits per prefix, where a table per neighbour spent ~16
 * octets.
 *
 * <p>Not thread-safe: every field is guarded by the owning {@link AdjRibOut}.
 */
final class PeerOut {
  final BgpPeer peer;
  final OutboundSink sink;
  final BitSet wanted = new BitSet();
  final BitSet advertised = new BitSet();
  final BitSet pending = new BitSet();
  int pendingCount;
  int[] wantedPerFamily = new int[4];
  /** Non-null while established. */
  Negotiated negotiated;
  UpdateGroup group;
  int member; // this neighbour's bit in its group's masks
  /** From this id on, pending bits are not all queued: the sender scans for them (a dump, a refresh); -1: none. */
  int scanFrom = -1;
  /** Families whose End-of-RIB goes out once the scan ends (RFC 4724 §2). */
  final List<Family> endOfRibDue = new ArrayList<>();
  /** End-of-RIB held while the speaker defers it after its own restart (RFC 4724 §4.1). */
  final List<Family> endOfRibHeld = new ArrayList<>();
  /**
   * Families whose End-of-RIB waits, for this neighbour, until {@link AdjRibOut#releaseEndOfRib(BgpPeer)}
   * (its routes wait on its route-target membership, RFC 4684 §6). Set before the session's dump
   * starts, so not forgotten by {@link #sessionEnded}; cleared when the session goes down.
   */
  final List<Family> endOfRibWaiting = new ArrayList<>();

  PeerOut(BgpPeer peer, OutboundSink sink) {
    this.peer = peer;
    this.sink = sink;
  }

  void setPending(int id) {
    if (!pending.get(id)) {
      pending.set(id);
      pendingCount++;
    }
  }

  /** Clears the pending bit; true if it was set. */
  boolean takePending(int id) {
    if (!pending.get(id)) return false;
    pending.clear(id);
    pendingCount--;
    return true;
  }

  void countWanted(int family, int delta) {
    if (family >= wantedPerFamily.length) wantedPerFamily = Arrays.copyOf(wantedPerFamily, family + 4);
    wantedPerFamily[family] += delta;
  }

  /** Forgets what the session was sent: it ended. */
  void sessionEnded() {
    negotiated = null;
    group = null;
    advertised.clear();
    pending.clear();
    pendingCount = 0;
    scanFrom = -1;
    endOfRibDue.clear();
    endOfRibHeld.clear();
  }
}
