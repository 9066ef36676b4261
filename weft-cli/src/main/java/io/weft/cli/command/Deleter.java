package io.weft.cli.command;

import io.weft.cli.Weftctl;
import io.weft.cli.api.ApiException;
import io.weft.cli.output.ResourceNames;
import io.weft.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a batch in the given order, printing {@code <name> <verb>} for each. A delete the
 * server refuses with 409 because something still refers to the resource is retried after
 * the rest of the batch, round after round while a round makes progress: what refers to it
 * may be later in the batch, or be removed by the compiler once its owner is gone.
 */
final class Deleter {
  private final Weftctl root;
  private final String verb;
  private final boolean ignoreNotFound;

  Deleter(Weftctl root, String verb, boolean ignoreNotFound) {
    this.root = root;
    this.verb = verb;
    this.ignoreNotFound = ignoreNotFound;
  }

  /** Returns true when every resource is gone. */
  boolean deleteAll(List<ResourceKey> ordered) {
    List<ResourceKey> pending = new ArrayList<>(ordered);
    boolean ok = true;
    while (!pending.isEmpty()) {
      List<ResourceKey> refused = new ArrayList<>();
      List<ApiException> lastErrors = new ArrayList<>();
      for (ResourceKey key : pending) {
        try {
          root.client().delete(key.kind(), key.project(), key.name());
          root.out().println(ResourceNames.of(key) + " " + verb);
        } catch (ApiException e) {
          if (e.isNotFound()) {
            if (!ignoreNotFound) {
              root.err().println("Error from server (NotFound): " + ResourceNames.of(key) + " not found");
              ok = false;
            }
          } else if (e.isConflict()) {
            refused.add(key);
            lastErrors.add(e);
          } else {
            root.err().print(ResourceNames.of(key) + ": ");
            root.printApiError(e);
            ok = false;
          }
        }
      }
      if (refused.size() == pending.size()) {
        for (int i = 0; i < refused.size(); i++) {
          root.err().print(ResourceNames.of(refused.get(i)) + ": ");
          root.printApiError(lastErrors.get(i));
        }
        return false;
      }
      pending = refused;
    }
    return ok;
  }
}
