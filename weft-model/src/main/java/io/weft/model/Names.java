package io.weft.model;

/** Resource and project name rules: DNS-label-like so names work in URLs, DNS and CLIs. */
public final class Names {
  /** The longest name: a DNS name's length. */
  private static final int MAX = 253;

  private Names() {}

  /** The problem with {@code name}, or null when it is valid. */
  public static String problem(String name) {
    if (name == null || name.isBlank()) return "is required";
    if (!NameSyntax.isSegment(name, 0, name.length(), MAX)) {
      return "'" + name + "' is not a valid name: letters, digits, '-', '_' and '.', starting and ending"
          + " with a letter or digit, at most 253 characters";
    }
    return null;
  }
}
