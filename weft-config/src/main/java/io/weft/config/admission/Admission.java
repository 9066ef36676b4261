package io.weft.config.admission;

import io.weft.config.store.Store;
import io.weft.config.store.Write;
import io.weft.model.Resource;
import java.util.List;
import java.util.Optional;

/**
 * A hook the config API runs before committing a user's write, for what must be decided
 * synchronously and atomically with it: today, address allocation (a full subnet is a 409
 * at port create, not a silent failure later in the compiler).
 *
 * <p>The API calls {@link #admit} on create and update and commits the returned resource
 * together with {@link Decision#extraWrites()} in one {@link Store#commit}. Uniqueness is
 * enforced by the store, not by the hook: an implementation makes each exclusive choice a
 * key created in that commit (see {@link io.weft.model.Kind#ADDRESS_CLAIM}), so of two
 * concurrent requests choosing the same thing one commit fails with
 * {@link io.weft.config.store.StoreException.AlreadyExists} on the claim key; the API then calls
 * {@code admit} again (see {@link #isRetryable}), which sees the winner's claim and chooses
 * the next free value.
 *
 * <p>On delete the API commits {@link #released}'s writes before the resource's own delete,
 * in the same commit.
 */
public interface Admission {

  /** Admits everything unchanged; what a config API without a compiler uses. */
  Admission NONE = new Admission() {
    @Override
    public Decision admit(Resource incoming, Optional<Resource> stored, Store store) {
      return Decision.unchanged(incoming);
    }

    @Override
    public List<Write> released(Resource deleted, Store store) {
      return List.of();
    }
  };

  /**
   * Decides a create ({@code stored} empty) or an update of {@code incoming}, which is
   * already validated and carries its uid; {@code stored} is the current value on update.
   *
   * @throws AdmissionException when the request must be refused (answered with its code)
   */
  Decision admit(Resource incoming, Optional<Resource> stored, Store store);

  /** Writes (typically claim deletes) to commit atomically with the delete of {@code deleted}. */
  List<Write> released(Resource deleted, Store store);

  /**
   * Whether a commit that failed with {@code failure} should be retried with a fresh
   * {@link #admit}: true for a lost race on a key this admission created.
   */
  default boolean isRetryable(RuntimeException failure, Decision decision) {
    return failure instanceof io.weft.config.store.StoreException.AlreadyExists
        && decision.extraWrites().stream().anyMatch(w -> w instanceof Write.Create && failure.getMessage().startsWith(w.key() + " "));
  }

  /**
   * Called when the commit of {@code decision} failed (for any reason, retried or not), so an
   * implementation can forget what it reserved in memory for it.
   */
  default void abandoned(Decision decision) {}

  /**
   * Called when {@code decision} is durably committed, its resource now stored as {@code stored},
   * so an implementation can keep what it derived from the resource (a parsed spec) for that revision.
   */
  default void committed(Decision decision, io.weft.config.store.Entry stored) {}

  /** The resource to store (possibly with allocations recorded in its status) and writes to commit with it. */
  record Decision(Resource resource, List<Write> extraWrites) {
    public Decision {
      extraWrites = List.copyOf(extraWrites);
    }

    public static Decision unchanged(Resource resource) {
      return new Decision(resource, List.of());
    }
  }
}
