package io.weft.control.rib;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The control node's routing information: per peer an Adj-RIB-In (what it published), per
 * routing instance a Loc-RIB table per family, and route-target replication between
 * instances. A path published into instance A carries A's export targets and is imported as
 * a secondary path into every other instance whose import targets contain one of them
 * (RFC 4364 §4.3.1; TF routepath_replicator). A network policy or a logical router joins
 * networks only by changing import/export lists in config, so leaking needs no code here.
 * Secondary paths are never re-exported. The same immutable {@link Path} object sits in the
 * primary table and in every importing one.
 *
 * <p>Concurrency: every method is {@code synchronized}; the monitor guards all state below.
 * Callers are the XMPP session readers (publish, withdraw, subscribe), the config watcher
 * (configure) and the graceful-restart timer (sweep). Subscribers are called under the lock
 * and only enqueue ({@link RibSubscriber}), so a slow peer never holds the RIB.
 */
public final class Rib {
  private final Map<String, RoutingInstance> instances = new HashMap<>();
  /** route target → names of the instances importing it. */
  private final Map<String, Set<String>> importers = new HashMap<>();
  /** route target → names of the instances exporting it; keeps configure() from scanning every instance. */
  private final Map<String, Set<String>> exporters = new HashMap<>();
  /** peer → its Adj-RIB-In: the primary paths it published. */
  private final Map<String, Map<RouteKey, Path>> adjRibIn = new HashMap<>();

  /** Sets an instance's route targets (creating it if needed) and re-replicates what they change. */
  public synchronized void configure(String instance, Collection<String> importTargets, Collection<String> exportTargets) {
    RoutingInstance ri = instance(instance);
    Set<String> newImports = Set.copyOf(new TreeSet<>(importTargets));
    Set<String> newExports = Set.copyOf(new TreeSet<>(exportTargets));
    if (ri.configured && ri.importTargets.equals(newImports) && ri.exportTargets.equals(newExports)) return;
    // Undo what the old lists replicated, change them, then replicate under the new ones.
    List<Map.Entry<RouteKey, Path>> primaries = ri.primaryPaths();
    Set<String> oldTargets = replicationTargets(ri);
    for (Map.Entry<RouteKey, Path> e : primaries) {
      for (String t : oldTargets) instances.get(t).remove(e.getKey().family(), e.getKey().prefix(), e.getValue().peer(), instance);
    }
    for (Map.Entry<RouteKey, Path> e : ri.secondaryPaths()) {
      ri.remove(e.getKey().family(), e.getKey().prefix(), e.getValue().peer(), e.getValue().primaryInstance());
    }
    unindex(importers, ri.importTargets, instance);
    unindex(exporters, ri.exportTargets, instance);
    ri.configure(newImports, newExports);
    for (String rt : ri.importTargets) importers.computeIfAbsent(rt, k -> new HashSet<>()).add(instance);
    for (String rt : ri.exportTargets) exporters.computeIfAbsent(rt, k -> new HashSet<>()).add(instance);
    Set<String> newTargets = replicationTargets(ri);
    for (Map.Entry<RouteKey, Path> e : primaries) {
      for (String t : newTargets) instances.get(t).put(e.getKey().family(), e.getKey().prefix(), e.getValue());
    }
    for (String name : replicationSources(ri)) {
      for (Map.Entry<RouteKey, Path> e : instances.get(name).primaryPaths()) ri.put(e.getKey().family(), e.getKey().prefix(), e.getValue());
    }
  }

  private static void unindex(Map<String, Set<String>> index, Set<String> targets, String instance) {
    for (String rt : targets) {
      Set<String> s = index.get(rt);
      if (s != null && s.remove(instance) && s.isEmpty()) index.remove(rt);
    }
  }

  /** Forgets an instance's config: it keeps its own paths and subscribers but imports and exports nothing. */
  public synchronized void unconfigure(String instance) {
    RoutingInstance ri = instances.get(instance);
    if (ri == null || !ri.configured) return;
    configure(instance, List.of(), List.of());
    ri.configured = false;
  }

  /** Adds or replaces {@code peer}'s path to {@code prefix} in {@code instance}, and its imported copies. */
  public synchronized void publish(String peer, String instance, Family family, String prefix, PathAttributes attributes,
      Object route) {
    String name = instance(instance).name; // one copy of the instance name, not one per path
    Path path = new Path(peer, attributes, route, false, name);
    RouteKey key = new RouteKey(name, family, prefix);
    Path old = adjRibIn.computeIfAbsent(peer, p -> new HashMap<>()).put(key, path);
    if (path.equals(old)) return;
    install(key, path);
  }

  /** Removes {@code peer}'s path; false when it had none. */
  public synchronized boolean withdraw(String peer, String instance, Family family, String prefix) {
    Map<RouteKey, Path> in = adjRibIn.get(peer);
    RouteKey key = new RouteKey(instance, family, prefix);
    if (in == null || in.remove(key) == null) return false;
    uninstall(key, peer);
    return true;
  }

  /** Marks every path of {@code peer} stale (its session went down; RFC 4724 §4.2); returns how many. */
  public synchronized int markStale(String peer) {
    Map<RouteKey, Path> in = adjRibIn.get(peer);
    if (in == null) return 0;
    for (Map.Entry<RouteKey, Path> e : in.entrySet()) {
      Path stale = e.getValue().withStale(true);
      if (stale == e.getValue()) continue;
      e.setValue(stale);
      install(e.getKey(), stale);
    }
    return in.size();
  }

  /** Removes the paths of {@code peer} still stale (End-of-RIB or the stale timer); returns how many. */
  public synchronized int sweepStale(String peer) {
    Map<RouteKey, Path> in = adjRibIn.get(peer);
    if (in == null) return 0;
    List<RouteKey> swept = new ArrayList<>();
    for (Map.Entry<RouteKey, Path> e : in.entrySet()) if (e.getValue().stale()) swept.add(e.getKey());
    for (RouteKey k : swept) {
      in.remove(k);
      uninstall(k, peer);
    }
    if (in.isEmpty()) adjRibIn.remove(peer);
    return swept.size();
  }

  /** Subscribes: {@code subscriber} is first told every route the instance has, then every change. */
  public synchronized void subscribe(String instance, RibSubscriber subscriber) {
    RoutingInstance ri = instance(instance);
    if (!ri.subscribers.add(subscriber)) return;
    for (Map.Entry<Family, Map<String, Route>> t : ri.tables.entrySet()) {
      for (Route r : t.getValue().values()) subscriber.routeChanged(instance, t.getKey(), r.prefix(), r);
    }
  }

  public synchronized void unsubscribe(String instance, RibSubscriber subscriber) {
    RoutingInstance ri = instances.get(instance);
    if (ri != null) ri.subscribers.remove(subscriber);
  }

  public synchronized Route route(String instance, Family family, String prefix) {
    RoutingInstance ri = instances.get(instance);
    return ri == null ? null : ri.get(family, prefix);
  }

  /** The routes of one table, sorted by prefix. */
  public synchronized List<Route> routes(String instance, Family family) {
    RoutingInstance ri = instances.get(instance);
    if (ri == null) return List.of();
    Map<String, Route> t = ri.tables.get(family);
    if (t == null) return List.of();
    List<Route> out = new ArrayList<>(t.values());
    out.sort((a, b) -> a.prefix().compareTo(b.prefix()));
    return out;
  }

  public synchronized List<InstanceView> instances() {
    List<InstanceView> out = new ArrayList<>();
    for (RoutingInstance ri : instances.values()) {
      Map<Family, Integer> counts = new EnumMap<>(Family.class);
      for (Map.Entry<Family, Map<String, Route>> t : ri.tables.entrySet()) counts.put(t.getKey(), t.getValue().size());
      out.add(new InstanceView(ri.name, ri.configured, List.copyOf(new TreeSet<>(ri.importTargets)),
          List.copyOf(new TreeSet<>(ri.exportTargets)), counts, ri.subscribers.size()));
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** Paths published by {@code peer} (its Adj-RIB-In size). */
  public synchronized int pathCount(String peer) {
    Map<RouteKey, Path> in = adjRibIn.get(peer);
    return in == null ? 0 : in.size();
  }

  /** Primary paths of every peer. */
  public synchronized int pathCount() {
    int n = 0;
    for (Map<RouteKey, Path> in : adjRibIn.values()) n += in.size();
    return n;
  }

  /** Routes (prefixes) over every table of every instance, imported ones included. */
  public synchronized int routeCount() {
    int n = 0;
    for (RoutingInstance ri : instances.values()) n += ri.routeCount();
    return n;
  }

  private RoutingInstance instance(String name) {
    return instances.computeIfAbsent(name, RoutingInstance::new);
  }

  private void install(RouteKey key, Path path) {
    RoutingInstance primary = instance(key.instance());
    primary.put(key.family(), key.prefix(), path);
    for (String t : replicationTargets(primary)) instances.get(t).put(key.family(), key.prefix(), path);
  }

  private void uninstall(RouteKey key, String peer) {
    RoutingInstance primary = instances.get(key.instance());
    if (primary == null) return;
    primary.remove(key.family(), key.prefix(), peer, key.instance());
    for (String t : replicationTargets(primary)) instances.get(t).remove(key.family(), key.prefix(), peer, key.instance());
  }

  /** The other instances importing one of {@code source}'s export targets. */
  private Set<String> replicationTargets(RoutingInstance source) {
    if (source.exportTargets.isEmpty()) return Set.of();
    Set<String> out = new LinkedHashSet<>();
    for (String rt : source.exportTargets) {
      Set<String> s = importers.get(rt);
      if (s != null) out.addAll(s);
    }
    out.remove(source.name);
    return out;
  }

  /** The other instances exporting one of {@code target}'s import targets. */
  private Set<String> replicationSources(RoutingInstance target) {
    Set<String> out = new LinkedHashSet<>();
    for (String rt : target.importTargets) {
      Set<String> s = exporters.get(rt);
      if (s != null) out.addAll(s);
    }
    out.remove(target.name);
    return out;
  }
}
