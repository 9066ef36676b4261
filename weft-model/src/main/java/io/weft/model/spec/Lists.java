package io.weft.model.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** List defaults for spec records: absent means empty, and null elements survive to validation. */
final class Lists {
  private Lists() {}

  /** An unmodifiable copy; null elements are kept so validate() can name them ("is required"). */
  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /** How many of {@code values} are present: non-null, non-blank, non-empty and not {@code false}. */
  static int present(Object... values) {
    int n = 0;
    for (Object v : values) {
      boolean absent = v == null
          || (v instanceof String s && s.isBlank())
          || (v instanceof List<?> l && l.isEmpty())
          || Boolean.FALSE.equals(v);
      if (!absent) n++;
    }
    return n;
  }
}
