package io.weft.control.rib;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A routing instance (VRF) as the control node keeps it: its import and export route
 * targets, a Loc-RIB table per family, and the peers subscribed to it. Owned by {@link Rib}
 * and touched only under its lock.
 */
final class RoutingInstance {
  final String name;
  Set<String> importTargets = Set.of();
  Set<String> exportTargets = Set.of();
  boolean configured;
  final Map<Family, Map<String, Route>> tables = new EnumMap<>(Family.class);
  final Set<RibSubscriber> subscribers = new LinkedHashSet<>();

  RoutingInstance(String name) {
    this.name = name;
  }

  void configure(Collection<String> imports, Collection<String> exports) {
    importTargets = Set.copyOf(new TreeSet<>(imports));
    exportTargets = Set.copyOf(new TreeSet<>(exports));
    configured = true;
  }

  Map<String, Route> table(Family family) {
    return tables.computeIfAbsent(family, f -> new HashMap<>());
  }

  Route get(Family family, String prefix) {
    Map<String, Route> t = tables.get(family);
    return t == null ? null : t.get(prefix);
  }

  /** Puts {@code path} (replacing the same source's) and tells subscribers when the route changed. */
  void put(Family family, String prefix, Path path) {
    Map<String, Route> t = table(family);
    Route old = t.get(prefix);
    if (old != null && old.paths().contains(path)) return;
    Route updated = old == null ? Route.of(prefix, path) : old.with(path);
    t.put(prefix, updated);
    notify(family, prefix, updated);
  }

  /** Removes the path of {@code peer} published into {@code primary}, if present. */
  void remove(Family family, String prefix, String peer, String primary) {
    Map<String, Route> t = tables.get(family);
    if (t == null) return;
    Route old = t.get(prefix);
    if (old == null) return;
    Route updated = old.without(peer, primary);
    if (updated == old) return;
    if (updated == null) t.remove(prefix);
    else t.put(prefix, updated);
    notify(family, prefix, updated);
  }

  private void notify(Family family, String prefix, Route route) {
    for (RibSubscriber s : subscribers) s.routeChanged(name, family, prefix, route);
  }

  /** The paths published into this instance itself (not imported), for re-replication. */
  List<Map.Entry<RouteKey, Path>> primaryPaths() {
    List<Map.Entry<RouteKey, Path>> out = new ArrayList<>();
    for (Map.Entry<Family, Map<String, Route>> t : tables.entrySet()) {
      for (Route r : t.getValue().values()) {
        for (Path p : r.paths()) {
          if (!p.secondaryIn(name)) out.add(Map.entry(new RouteKey(name, t.getKey(), r.prefix()), p));
        }
      }
    }
    return out;
  }

  /** The paths imported from other instances. */
  List<Map.Entry<RouteKey, Path>> secondaryPaths() {
    List<Map.Entry<RouteKey, Path>> out = new ArrayList<>();
    for (Map.Entry<Family, Map<String, Route>> t : tables.entrySet()) {
      for (Route r : t.getValue().values()) {
        for (Path p : r.paths()) {
          if (p.secondaryIn(name)) out.add(Map.entry(new RouteKey(name, t.getKey(), r.prefix()), p));
        }
      }
    }
    return out;
  }

  int routeCount() {
    int n = 0;
    for (Map<String, Route> t : tables.values()) n += t.size();
    return n;
  }
}
