package io.weft.cli.command;

import io.weft.cli.CliException;
import io.weft.model.Kind;
import java.util.ArrayList;
import java.util.List;

/** Resolves the kind a user types ({@code vn}, {@code virtualnetwork}, {@code virtualnetworks}). */
public final class Kinds {
  private Kinds() {}

  public static Kind resolve(String typed) {
    return Kind.lookup(typed).orElseThrow(() -> CliException.usage(
        "unknown kind '" + typed + "'; known kinds: " + known()));
  }

  /** {@code projects (proj), virtualnetworks (vn), tags, ...}. */
  static String known() {
    List<String> names = new ArrayList<>();
    for (Kind k : Kind.values()) {
      names.add(k.shortNames().isEmpty() ? k.plural() : k.plural() + " (" + String.join(", ", k.shortNames()) + ")");
    }
    return String.join(", ", names);
  }
}
