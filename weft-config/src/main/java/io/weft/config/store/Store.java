package io.weft.config.store;

import io.weft.model.Kind;
import io.weft.model.ResourceKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The config store: resources as opaque bytes under a {@link ResourceKey}, with a global
 * revision that grows by one per write, referential integrity, and a watch from any
 * retained revision.
 *
 * <p>Invariants every implementation keeps:
 * <ul>
 *   <li>A write is acknowledged (its method returns) only once it is durable.
 *   <li>A rejected write changes nothing.
 *   <li>Watch events arrive in revision order with no gaps; a listing carries the revision
 *       it reflects, so list-then-watch from that revision loses no event.
 *   <li>A watcher never blocks writers or other watchers.
 * </ul>
 */
public interface Store extends AutoCloseable {

  /** The revision of the newest committed write (0 when empty). */
  long revision();

  /** Revisions at or below this are compacted: a watch must start at or above it. */
  long compactedRevision();

  Optional<Entry> get(ResourceKey key);

  /** Every entry of {@code kind}, in {@code project} or everywhere when project is null, sorted by key. */
  Listing list(Kind kind, String project);

  /** Every entry of every kind; used by watchers that rebuild their state (compiler, control node). */
  Listing listAll();

  /** Applies one write; see {@link #commit(List)}. */
  default Entry apply(Write write) {
    return commit(List.of(write)).getFirst();
  }

  /**
   * Applies the writes atomically, in order, each taking the next revision. Returns one
   * entry per write (for a delete, the last value with the delete's revision).
   *
   * @throws StoreException.AlreadyExists a create finds its key taken
   * @throws StoreException.NotFound an update or delete finds no key
   * @throws StoreException.VersionConflict an expected revision does not match
   * @throws StoreException.DanglingReference a write refers to keys that do not exist
   * @throws StoreException.StillReferenced a delete's key is referred to by others
   */
  List<Entry> commit(List<Write> writes);

  /**
   * Watches every change with a revision above {@code afterRevision} whose key passes
   * {@code filter}. The caller pulls events with {@link Watch#poll}.
   *
   * @throws StoreException.Compacted when {@code afterRevision} is below {@link #compactedRevision()}
   */
  Watch watch(long afterRevision, Predicate<ResourceKey> filter);

  @Override
  void close();
}
