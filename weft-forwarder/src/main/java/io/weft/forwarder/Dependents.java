package io.weft.forwarder;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What depends on each named port or VRF, so that adding or removing one re-resolves those
 * objects only: a host holds thousands of ports and remote routes, and the agent adds a port
 * per pod. Not thread-safe; {@link Forwarder} keeps its indexes under its lock, updating them
 * where the objects are added and removed.
 */
final class Dependents<K> {
  private final Map<String, Set<K>> byName = new HashMap<>();

  void add(String name, K dependent) {
    byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(dependent);
  }

  void remove(String name, K dependent) {
    Set<K> s = byName.get(name);
    if (s == null) return;
    s.remove(dependent);
    if (s.isEmpty()) byName.remove(name); // ports come and go with pods: drop their names too
  }

  /** A copy, so that re-resolving a dependent may update the index. */
  List<K> of(String name) {
    Set<K> s = byName.get(name);
    return s == null ? List.of() : List.copyOf(s);
  }
}
