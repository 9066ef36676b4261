package io.weft.compiler;

import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user resources the compiler reads, by key and by (kind, project). Not thread-safe:
 * owned by the one thread that runs the {@link Compiler}.
 */
final class Inputs {
  private final Map<ResourceKey, Resource> byKey = new HashMap<>();
  private final Map<Query, TreeMap<String, Resource>> byQuery = new HashMap<>();

  Resource get(ResourceKey key) {
    return byKey.get(key);
  }

  /** Resources of {@code kind} in {@code project} (null: global/cluster-wide), sorted by name. */
  Collection<Resource> list(Kind kind, String project) {
    TreeMap<String, Resource> m = byQuery.get(new Query(kind, project));
    return m == null ? List.of() : m.values();
  }

  /** Stores {@code r}; returns the previous value or null. */
  Resource put(Resource r) {
    ResourceKey key = r.key();
    byQuery.computeIfAbsent(new Query(key.kind(), key.project()), q -> new TreeMap<>()).put(key.name(), r);
    return byKey.put(key, r);
  }

  Resource remove(ResourceKey key) {
    TreeMap<String, Resource> m = byQuery.get(new Query(key.kind(), key.project()));
    if (m != null) {
      m.remove(key.name());
      if (m.isEmpty()) byQuery.remove(new Query(key.kind(), key.project()));
    }
    return byKey.remove(key);
  }

  int size() {
    return byKey.size();
  }
}
