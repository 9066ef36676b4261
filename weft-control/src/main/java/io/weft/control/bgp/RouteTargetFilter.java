package io.weft.control.bgp;

import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.ExtendedCommunityCodec;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.PathAttribute;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.RouteTargetMembership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one neighbour that negotiated route-target constraint wants (RFC 4684): the membership
 * routes it sent, and per route whether one of its route targets matches one of them. A
 * route of a VPN or EVPN family goes to the neighbour only if so (§3.1); a zero-length
 * membership (the default route target) matches every route, and a shorter prefix matches
 * the route targets it is a prefix of (§4). Until the neighbour's membership End-of-RIB, or
 * {@link #END_OF_RIB_WAIT} after the session came up, it wants no VPN route at all (§6), so
 * it is not sent everything first and most of it withdrawn a moment later.
 *
 * <p>One per session of such a neighbour (a new session starts empty). Concurrency: none;
 * guarded by BgpService's lock.
 */
final class RouteTargetFilter {
  /** How long to wait for the neighbour's RT_CONSTRAINT End-of-RIB before sending VPN routes anyway. */
  static final Duration END_OF_RIB_WAIT = Duration.ofSeconds(5);

  private final Set<RouteTargetMembership> memberships = new HashSet<>();
  /** Full-length memberships (96 bits) as the route target's 8 octets, with how many origin ASes sent each. */
  private final Map<Long, Integer> exact = new HashMap<>();
  /** Memberships shorter than 96 bits, zero-length ones included. */
  private final List<RouteTargetMembership> prefixes = new ArrayList<>();
  /** Per interned attribute set: wanted? Cleared when the membership changes. */
  private final Map<List<PathAttribute>, Boolean> decided = new IdentityHashMap<>();
  private boolean ready;

  /** Filters only VPN and EVPN routes; membership routes themselves always go. */
  static boolean constrained(Family f) {
    return f.equals(Family.IPV4_VPN) || f.equals(Family.IPV6_VPN) || f.equals(Family.EVPN);
  }

  /** Whether the neighbour wants {@code r}. */
  boolean wants(Route r) {
    if (!constrained(r.family())) return true;
    if (!ready) return false;
    Boolean known = decided.get(r.attributes());
    if (known != null) return known;
    if (decided.size() >= 4096) decided.clear(); // only the memo is lost
    boolean want = matches(r);
    decided.put(r.attributes(), want);
    return want;
  }

  private boolean matches(Route r) {
    for (RouteTargetMembership p : prefixes) if (p.length() == 0) return true;
    for (RouteTarget rt : r.routeTargets()) {
      long v = ExtendedCommunityCodec.encodeLong(rt);
      if (exact.containsKey(v)) return true;
      for (RouteTargetMembership p : prefixes) if (prefixOf(p, v)) return true;
    }
    return false;
  }

  /** RFC 4684 §4: the membership's first length − 32 bits of route target match the route's. */
  private static boolean prefixOf(RouteTargetMembership p, long rt) {
    int bits = p.length() - 32;
    if (bits <= 0) return true;
    byte[] want = p.routeTarget().toArray();
    for (int i = 0; i < want.length; i++) {
      int n = Math.min(8, bits - 8 * i);
      int mask = (0xff << (8 - n)) & 0xff;
      int have = (int) (rt >>> (56 - 8 * i)) & 0xff;
      if ((have & mask) != (want[i] & mask)) return false;
    }
    return true;
  }

  /** The neighbour advertised a membership; true if it is new. */
  boolean add(RouteTargetMembership m) {
    if (!memberships.add(m)) return false;
    if (m.length() == 96) exact.merge(longOf(m), 1, Integer::sum);
    else prefixes.add(m);
    decided.clear();
    return true;
  }

  /** The neighbour withdrew a membership; true if it had it. */
  boolean remove(RouteTargetMembership m) {
    if (!memberships.remove(m)) return false;
    if (m.length() == 96) exact.computeIfPresent(longOf(m), (k, n) -> n == 1 ? null : n - 1);
    else prefixes.remove(m);
    decided.clear();
    return true;
  }

  private static long longOf(RouteTargetMembership m) {
    long v = 0;
    for (byte b : m.routeTarget().toArray()) v = (v << 8) | (b & 0xff);
    return v;
  }

  /** The neighbour's membership is complete (its End-of-RIB, or the wait ended): VPN routes may go. True if it was not yet. */
  boolean ready() {
    if (ready) return false;
    ready = true;
    decided.clear();
    return true;
  }

  boolean isReady() {
    return ready;
  }

  int size() {
    return memberships.size();
  }
}
