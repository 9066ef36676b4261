package io.weft.config.store;

import io.weft.model.ResourceKey;
import java.util.Set;

/**
 * A stored value. {@code createRevision} is the revision of its create; {@code modRevision}
 * of its last change (the resource's {@code metadata.resourceVersion}). {@code references}
 * are the keys it refers to, kept so a delete of any of them is refused.
 */
public record Entry(ResourceKey key, byte[] value, Set<ResourceKey> references, long createRevision, long modRevision) {
  public Entry {
    references = Set.copyOf(references);
  }
}
