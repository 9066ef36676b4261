package io.weft.xmpp.stream;

import java.util.Objects;

/** One XML attribute, name as written (prefixes such as {@code xml:lang} kept verbatim). */
public record Attribute(String name, String value) {
  public Attribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
