package io.weft.config.store;

import io.weft.model.ResourceKey;
import java.util.Set;

/** One change to the store. An expected revision of 0 means "unconditional". */
public sealed interface Write {
  ResourceKey key();

  /** Stores a new key; fails if it exists. */
  record Create(ResourceKey key, byte[] value, Set<ResourceKey> references) implements Write {
    public Create {
      references = Set.copyOf(references);
    }
  }

  /** Replaces an existing key's value, if its modRevision is {@code expectedRevision} (or that is 0). */
  record Update(ResourceKey key, byte[] value, Set<ResourceKey> references, long expectedRevision) implements Write {
    public Update {
      references = Set.copyOf(references);
    }
  }

  /** Removes an existing key that nothing refers to, if its modRevision is {@code expectedRevision} (or that is 0). */
  record Delete(ResourceKey key, long expectedRevision) implements Write {}
}
