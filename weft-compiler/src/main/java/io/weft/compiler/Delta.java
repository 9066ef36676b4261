package io.weft.compiler;

import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.util.List;

/**
 * What one compilation step changed in the derived objects: resources to create or
 * replace, and keys to delete, each sorted by key. Empty when the input change affected
 * nothing derived.
 */
public record Delta(List<Resource> upserts, List<ResourceKey> removals) {
  public Delta {
    upserts = List.copyOf(upserts);
    removals = List.copyOf(removals);
  }

  public boolean isEmpty() {
    return upserts.isEmpty() && removals.isEmpty();
  }
}
