package io.weft.model;

import java.util.regex.Pattern;

/** Resource and project name rules: DNS-label-like so names work in URLs, DNS and CLIs. */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9])?");

  private Names() {}

  /** The problem with {@code name}, or null when it is valid. */
  public static String problem(String name) {
    if (name == null || name.isBlank()) return "is required";
    if (!NAME.matcher(name).matches()) {
      return "'" + name + "' is not a valid name: letters, digits, '-', '_' and '.', starting and ending"
          + " with a letter or digit, at most 253 characters";
    }
    return null;
  }
}
