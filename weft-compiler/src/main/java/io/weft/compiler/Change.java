package io.weft.compiler;

import io.weft.model.Resource;
import io.weft.model.ResourceKey;

/** One change to the compiler's input: a resource created or updated, or one deleted. */
public sealed interface Change {
  ResourceKey key();

  record Upsert(Resource resource) implements Change {
    @Override
    public ResourceKey key() {
      return resource.key();
    }
  }

  record Removal(ResourceKey key) implements Change {}
}
