package io.weft.compiler;

import io.weft.model.ResourceKey;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Route-target numbers and VNIs of networks, from pools: the lowest free value, kept for
 * the life of the network. Assignments are persisted in each RoutingInstance's status and
 * given back as {@link Seed}s after a restart, so they survive it; a seed is reserved for
 * its network, so networks compiled before it cannot take its value.
 *
 * <p>A VNI fixed in the network's spec is honoured; it takes the value from a network that
 * had it only by automatic assignment (that one moves to the lowest free VNI). Two networks
 * fixing the same VNI: the one holding it keeps it, the other gets VNI 0 and a problem
 * naming the holder, and gets it when the holder lets go. (The config API refuses such a
 * network at admission; this is the answer for stores written behind its back.)
 *
 * <p>Not thread-safe: owned by the compiler's thread.
 */
final class Allocations {
  static final int ROUTE_TARGET_BASE = 8_000_000;
  static final int ROUTE_TARGET_MAX = (1 << 24) - 1;
  static final int VNI_BASE = 5000;
  static final int VNI_MAX = 16_777_215;

  /** What a network was given: route-target number, VNI (0 when refused) and why it was refused. */
  record Assigned(int routeTarget, int vni, String vniProblem) {}

  /** A persisted assignment, read back from a RoutingInstance's status. */
  record Seed(int routeTarget, int vni) {}

  private final Map<ResourceKey, Seed> reserved;
  private final Set<Integer> reservedRts = new java.util.HashSet<>();
  private final Set<Integer> reservedVnis = new java.util.HashSet<>();
  private final BitSet rtUsed = new BitSet();
  private final BitSet vniUsed = new BitSet();
  private final Map<Integer, ResourceKey> vniHolder = new HashMap<>();
  private final Map<ResourceKey, Integer> rtOf = new HashMap<>();
  private final Map<ResourceKey, Integer> vniOf = new HashMap<>();
  private final Map<ResourceKey, Boolean> vniFixed = new HashMap<>();
  /** Networks whose fixed VNI is held by another, retried when VNIs are released. */
  private final TreeSet<ResourceKey> waiting = new TreeSet<>();
  private final Map<ResourceKey, Integer> wantedVni = new HashMap<>();

  Allocations(Map<ResourceKey, Seed> seeds) {
    this.reserved = new HashMap<>(seeds);
    for (Seed s : seeds.values()) {
      if (s.routeTarget() > 0) reservedRts.add(s.routeTarget());
      if (s.vni() > 0) reservedVnis.add(s.vni());
    }
  }

  Assigned of(ResourceKey vn) {
    Integer rt = rtOf.get(vn);
    if (rt == null) return null;
    int vni = vniOf.getOrDefault(vn, 0);
    String problem = null;
    if (waiting.contains(vn)) {
      int want = wantedVni.get(vn);
      problem = "vni " + want + " is already used by network " + describe(vniHolder.get(want)) + "; this network has no VNI until it is free";
    }
    return new Assigned(rt, vni, problem);
  }

  /**
   * Gives network {@code vn} (created or changed) its values. Returns the networks whose
   * assignment changed, {@code vn} included when its own did.
   */
  Set<ResourceKey> assign(ResourceKey vn, Integer fixedVni) {
    Set<ResourceKey> changed = new TreeSet<>();
    Seed seed = reserved.remove(vn);
    if (!rtOf.containsKey(vn)) {
      int rt = seed != null && seed.routeTarget() > 0 && !rtUsed.get(seed.routeTarget() - ROUTE_TARGET_BASE)
          ? seed.routeTarget() : lowestFree(rtUsed, reservedRts, ROUTE_TARGET_BASE, ROUTE_TARGET_MAX);
      if (seed != null) reservedRts.remove(seed.routeTarget());
      rtUsed.set(rt - ROUTE_TARGET_BASE);
      rtOf.put(vn, rt);
      changed.add(vn);
    }
    Integer current = vniOf.get(vn);
    boolean wasWaiting = waiting.contains(vn);
    if (seed != null && seed.vni() > 0) reservedVnis.remove(seed.vni());
    if (fixedVni != null) {
      if (current != null && current.equals(fixedVni)) {
        vniFixed.put(vn, true);
        return changed;
      }
      ResourceKey holder = vniHolder.get(fixedVni);
      if (holder != null && Boolean.TRUE.equals(vniFixed.get(holder))) {
        if (current != null) release(vn, current, changed);
        if (!wasWaiting || !fixedVni.equals(wantedVni.get(vn))) changed.add(vn);
        waiting.add(vn);
        wantedVni.put(vn, fixedVni);
        return changed;
      }
      if (current != null) release(vn, current, changed);
      if (holder != null) {
        // An automatic assignment yields to a fixed one; the holder moves.
        take(vn, fixedVni, true);
        int moved = lowestFree(vniUsed, reservedVnis, VNI_BASE, VNI_MAX);
        take(holder, moved, false);
        changed.add(holder);
      } else {
        take(vn, fixedVni, true);
      }
      waiting.remove(vn);
      wantedVni.remove(vn);
      changed.add(vn);
      return changed;
    }
    // Automatic: keep what it has (also when it was fixed before), else the seed, else lowest free.
    if (wasWaiting) {
      waiting.remove(vn);
      wantedVni.remove(vn);
      changed.add(vn);
    }
    if (current != null) {
      int had = current;
      if (waiting.stream().noneMatch(w -> wantedVni.get(w) == had)) {
        vniFixed.put(vn, false);
        return changed;
      }
      // It was fixed and others wait for it: a fixed VNI wins over an automatic one.
      release(vn, had, changed);
      take(vn, lowestFree(vniUsed, reservedVnis, VNI_BASE, VNI_MAX), false);
      changed.add(vn);
      return changed;
    }
    int vni = seed != null && seed.vni() > 0 && !vniUsed.get(seed.vni())
        ? seed.vni() : lowestFree(vniUsed, reservedVnis, VNI_BASE, VNI_MAX);
    take(vn, vni, false);
    changed.add(vn);
    return changed;
  }

  /** Frees what {@code vn} (deleted) had; returns other networks whose assignment changed as a result. */
  Set<ResourceKey> release(ResourceKey vn) {
    Set<ResourceKey> changed = new TreeSet<>();
    reserved.remove(vn);
    Integer rt = rtOf.remove(vn);
    if (rt != null) rtUsed.clear(rt - ROUTE_TARGET_BASE);
    waiting.remove(vn);
    wantedVni.remove(vn);
    Integer vni = vniOf.get(vn);
    if (vni != null) release(vn, vni, changed);
    vniFixed.remove(vn);
    changed.remove(vn);
    return changed;
  }

  /** Drops reservations of seeds whose network never came back (deleted while we were down). */
  void dropUnclaimedSeeds() {
    reserved.clear();
    reservedRts.clear();
    reservedVnis.clear();
  }

  private void release(ResourceKey vn, int vni, Set<ResourceKey> changed) {
    vniOf.remove(vn);
    vniHolder.remove(vni);
    vniUsed.clear(vni);
    // The first waiter (by key) for this VNI gets it; the others still wait, and their
    // problem now names the new holder, so they change too.
    ResourceKey first = null;
    for (ResourceKey w : waiting) {
      if (wantedVni.get(w) != vni) continue;
      if (first == null) first = w;
      changed.add(w);
    }
    if (first != null) {
      waiting.remove(first);
      wantedVni.remove(first);
      take(first, vni, true);
    }
  }

  private void take(ResourceKey vn, int vni, boolean fixed) {
    vniOf.put(vn, vni);
    vniHolder.put(vni, vn);
    vniUsed.set(vni);
    vniFixed.put(vn, fixed);
  }

  private static int lowestFree(BitSet used, Set<Integer> reserved, int base, int max) {
    int offset = base == ROUTE_TARGET_BASE ? ROUTE_TARGET_BASE : 0;
    int i = used.nextClearBit(base - offset);
    while (reserved.contains(i + offset)) i = used.nextClearBit(i + 1);
    if (i + offset > max) throw new IllegalStateException("pool " + base + ".." + max + " is exhausted");
    return i + offset;
  }

  private static String describe(ResourceKey vn) {
    return vn == null ? "?" : vn.project() + "/" + vn.name();
  }
}
