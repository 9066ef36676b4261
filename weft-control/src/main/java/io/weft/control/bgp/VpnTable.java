package io.weft.control.bgp;

import io.weft.bgp.peer.NlriMap;
import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.LocalPref;
import io.weft.bgp.wire.MultiExitDisc;
import io.weft.bgp.wire.Origin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The VPN tables (TF's bgp.l3vpn.0, bgp.l3vpn-inet6.0, bgp.evpn.0) for paths learned from
 * neighbours: per NLRI every neighbour's path (the Adj-RIBs-In, RFC 4271 §3.2) and the best
 * one, which is what gets reflected. Most NLRIs have one path, stored without a list.
 *
 * <p>Concurrency: none; owned by {@link BgpService} under its lock.
 */
final class VpnTable {
  /** One neighbour's path; {@code imported} is where it was published in the RIB, or null. */
  static final class Received {
    final BgpNeighbour from;
    final Route route;
    boolean stale;
    BgpService.ImportKey imported;

    Received(BgpNeighbour from, Route route) {
      this.from = from;
      this.route = route;
    }
  }

  /** RFC 4271 §9.1.2.2 for received VPN paths: fresh over stale, LOCAL_PREF, AS_PATH, ORIGIN, MED, eBGP over iBGP, then address. */
  static final Comparator<Received> ORDER = Comparator
      .comparing((Received r) -> r.stale)
      .thenComparing(Comparator.comparingLong((Received r) -> r.route.attribute(LocalPref.class).map(LocalPref::value).orElse(100L)).reversed())
      .thenComparingInt(r -> r.route.attribute(AsPath.class).map(AsPath::length).orElse(0))
      .thenComparing(r -> r.route.attribute(Origin.class).orElse(Origin.IGP))
      .thenComparingLong(r -> r.route.attribute(MultiExitDisc.class).map(MultiExitDisc::value).orElse(0L))
      .thenComparing(r -> r.from.internal())
      .thenComparing((a, b) -> Arrays.compareUnsigned(a.from.config.address().getAddress(), b.from.config.address().getAddress()));

  /**
   * Per family, NLRI → a Received, or a Received[] when several neighbours sent it. An
   * {@link NlriMap} (two arrays) rather than a HashMap keyed by FamilyNlri: the table holds
   * every prefix a neighbour sent, and the node and key objects would double its size.
   */
  private final Map<Family, NlriMap<Object>> tables = new HashMap<>();

  private NlriMap<Object> table(Family f) {
    return tables.computeIfAbsent(f, x -> new NlriMap<>());
  }

  /** Adds or replaces {@code from}'s path; returns the one it replaced, or null. */
  Received put(FamilyNlri key, Received r) {
    NlriMap<Object> paths = table(key.family());
    // One probe for the common cases (a new NLRI, or the same neighbour's path replaced); other cases put again.
    Object v = paths.put(key.nlri(), r);
    if (v == null) return null;
    if (v instanceof Received one) {
      if (one.from == r.from) return one;
      paths.put(key.nlri(), new Received[] {one, r});
      return null;
    }
    Received[] many = (Received[]) v;
    for (int i = 0; i < many.length; i++) {
      if (many[i].from == r.from) {
        Received old = many[i];
        many[i] = r;
        paths.put(key.nlri(), many);
        return old;
      }
    }
    Received[] grown = Arrays.copyOf(many, many.length + 1);
    grown[many.length] = r;
    paths.put(key.nlri(), grown);
    return null;
  }

  /** Removes {@code from}'s path; returns it, or null. */
  Received remove(FamilyNlri key, BgpNeighbour from) {
    NlriMap<Object> paths = tables.get(key.family());
    if (paths == null) return null;
    Object v = paths.get(key.nlri());
    if (v instanceof Received one) {
      if (one.from != from) return null;
      paths.remove(key.nlri());
      return one;
    }
    if (v instanceof Received[] many) {
      for (int i = 0; i < many.length; i++) {
        if (many[i].from == from) {
          Received old = many[i];
          List<Received> rest = new ArrayList<>(Arrays.asList(many));
          rest.remove(i);
          paths.put(key.nlri(), rest.size() == 1 ? rest.getFirst() : rest.toArray(Received[]::new));
          return old;
        }
      }
    }
    return null;
  }

  /** The best path for {@code key}, or null. */
  Received best(FamilyNlri key) {
    NlriMap<Object> paths = tables.get(key.family());
    return paths == null ? null : best(paths.get(key.nlri()));
  }

  private static Received best(Object v) {
    if (v == null) return null;
    if (v instanceof Received one) return one;
    Received best = null;
    for (Received r : (Received[]) v) if (best == null || ORDER.compare(r, best) < 0) best = r;
    return best;
  }

  /** Every path, for re-evaluation after config changes. */
  void forEach(BiConsumer<FamilyNlri, Received> each) {
    tables.forEach((f, t) -> t.forEach((n, v) -> {
      FamilyNlri k = new FamilyNlri(f, n);
      if (v instanceof Received one) each.accept(k, one);
      else for (Received r : (Received[]) v) each.accept(k, r);
    }));
  }

  /** The keys {@code from} has paths for in {@code families} (all families when null). */
  List<FamilyNlri> keysOf(BgpNeighbour from, List<Family> families) {
    List<FamilyNlri> out = new ArrayList<>();
    forEach((k, r) -> {
      if (r.from == from && (families == null || families.contains(k.family()))) out.add(k);
    });
    return out;
  }

  /** Every NLRI with its best path. */
  void forEachBest(BiConsumer<FamilyNlri, Received> each) {
    tables.forEach((f, t) -> t.forEach((n, v) -> each.accept(new FamilyNlri(f, n), best(v))));
  }

  int size() {
    return tables.values().stream().mapToInt(NlriMap::size).sum();
  }
}
