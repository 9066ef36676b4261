package io.weft.compiler;

import io.weft.model.ResourceKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which derived objects read which inputs: each derived key maps to the tokens (input
 * {@link ResourceKey}s and {@link Query}s) it read when it was last computed, and each token
 * back to the derived keys that read it. Recorded from what the computation actually read
 * (see {@link Reads}), so it cannot drift from the code that compiles.
 */
final class DependencyIndex {
  private final Map<Object, Set<ResourceKey>> dependents = new HashMap<>();
  private final Map<ResourceKey, Set<Object>> readsOf = new HashMap<>();

  void record(ResourceKey derived, Set<Object> tokens) {
    forget(derived);
    if (tokens.isEmpty()) return;
    readsOf.put(derived, tokens);
    for (Object t : tokens) dependents.computeIfAbsent(t, x -> new HashSet<>(4)).add(derived);
  }

  void forget(ResourceKey derived) {
    Set<Object> old = readsOf.remove(derived);
    if (old == null) return;
    for (Object t : old) {
      Set<ResourceKey> ds = dependents.get(t);
      if (ds != null && ds.remove(derived) && ds.isEmpty()) dependents.remove(t);
    }
  }

  void addDependentsOf(Object token, Set<ResourceKey> out) {
    Set<ResourceKey> ds = dependents.get(token);
    if (ds != null) out.addAll(ds);
  }
}
