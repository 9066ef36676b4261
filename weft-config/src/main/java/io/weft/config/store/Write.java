package io.weft.config.store;

import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.util.Set;

/**
 * One change to the store. An expected revision of 0 means "unconditional".
 *
 * <p>{@code decoded}, on creates and updates, is the validated resource {@code value} is the
 * JSON of, when the writer has it (the API does), else null. It is never stored: the store
 * hands it to in-process watchers with the write's {@link Event}, so the compiler need not
 * parse and validate the value again; events read back from the database have none.
 */
public sealed interface Write {
  ResourceKey key();

  /** Stores a new key; fails if it exists. */
  record Create(ResourceKey key, byte[] value, Set<ResourceKey> references, Resource decoded) implements Write {
    public Create {
      references = Set.copyOf(references);
    }

    public Create(ResourceKey key, byte[] value, Set<ResourceKey> references) {
      this(key, value, references, null);
    }
  }

  /** Replaces an existing key's value, if its modRevision is {@code expectedRevision} (or that is 0). */
  record Update(ResourceKey key, byte[] value, Set<ResourceKey> references, long expectedRevision, Resource decoded) implements Write {
    public Update {
      references = Set.copyOf(references);
    }

    public Update(ResourceKey key, byte[] value, Set<ResourceKey> references, long expectedRevision) {
      this(key, value, references, expectedRevision, null);
    }
  }

  /** Removes an existing key that nothing refers to, if its modRevision is {@code expectedRevision} (or that is 0). */
  record Delete(ResourceKey key, long expectedRevision) implements Write {}
}
