package io.weft.compiler;

import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The read-only view one derived object is computed from. Every read is recorded as a
 * dependency token, which is what makes incremental compilation equal a full one: a
 * derived object is recomputed exactly when something it read changes.
 */
final class Reads {
  private final Inputs inputs;
  private final Allocations allocations;
  private final Set<Object> tokens = new HashSet<>();

  Reads(Inputs inputs, Allocations allocations) {
    this.inputs = inputs;
    this.allocations = allocations;
  }

  Resource get(ResourceKey key) {
    tokens.add(key);
    return inputs.get(key);
  }

  Collection<Resource> list(Kind kind, String project) {
    tokens.add(new Query(kind, project));
    return inputs.list(kind, project);
  }

  /** The allocations of network {@code vn}; they change only with the network itself (see {@link Allocations}). */
  Allocations.Assigned allocation(ResourceKey vn) {
    tokens.add(vn);
    return allocations.of(vn);
  }

  Set<Object> tokens() {
    return tokens;
  }
}
