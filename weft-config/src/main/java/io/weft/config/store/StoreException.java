package io.weft.config.store;

import io.weft.model.ResourceKey;
import java.util.List;

/** Why the store refused a write or a watch. Nothing was changed. */
public abstract sealed class StoreException extends RuntimeException {
  StoreException(String message) {
    super(message);
  }

  public static final class AlreadyExists extends StoreException {
    public AlreadyExists(ResourceKey key) {
      super(key + " already exists");
    }
  }

  public static final class NotFound extends StoreException {
    public NotFound(ResourceKey key) {
      super(key + " not found");
    }
  }

  public static final class VersionConflict extends StoreException {
    public VersionConflict(ResourceKey key, long expected, long actual) {
      super(key + " was modified: resourceVersion is " + actual + ", not " + expected + "; get it again and retry");
    }
  }

  /** A write refers to keys that do not exist. */
  public static final class DanglingReference extends StoreException {
    private final List<ResourceKey> missing;

    public DanglingReference(ResourceKey key, List<ResourceKey> missing) {
      super(key + " refers to missing " + missing);
      this.missing = List.copyOf(missing);
    }

    public List<ResourceKey> missing() {
      return missing;
    }
  }

  /** A delete's key is still referred to. */
  public static final class StillReferenced extends StoreException {
    private final List<ResourceKey> referrers;

    public StillReferenced(ResourceKey key, List<ResourceKey> referrers) {
      super(key + " is still referenced by " + referrers);
      this.referrers = List.copyOf(referrers);
    }

    public List<ResourceKey> referrers() {
      return referrers;
    }
  }

  /** A watch asked for history that is gone. */
  public static final class Compacted extends StoreException {
    private final long requested;
    private final long compactedRevision;

    public Compacted(long requested, long compactedRevision) {
      super("resourceVersion " + requested + " is too old: history before " + compactedRevision
          + " is compacted; list again and watch from the list's resourceVersion");
      this.requested = requested;
      this.compactedRevision = compactedRevision;
    }

    public long requested() {
      return requested;
    }

    public long compactedRevision() {
      return compactedRevision;
    }
  }
}
