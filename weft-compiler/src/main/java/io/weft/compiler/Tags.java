package io.weft.compiler;

import io.weft.model.TagSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tag inheritance (SYSTEM.md §2): tags flow down project → network → virtual router (the
 * port's host) → port, and a level
 * that sets a type replaces the values of that type from above. {@code label} is the
 * exception: labels accumulate, as an object may carry many.
 */
final class Tags {
  static final String LABEL = "label";

  private Tags() {}

  /** The effective tags, {@code type=value}, sorted; {@code levels} from the top (project) down. */
  @SafeVarargs
  static List<String> effective(List<String>... levels) {
    Map<String, TreeSet<String>> byType = new TreeMap<>();
    for (List<String> level : levels) {
      Map<String, TreeSet<String>> here = new TreeMap<>();
      for (String tag : level) {
        // Inputs are validated by the API; only guard against what would break the split.
        if (tag == null || tag.indexOf('=') < 0) continue;
        here.computeIfAbsent(TagSyntax.type(tag), t -> new TreeSet<>()).add(TagSyntax.unqualified(tag));
      }
      for (var e : here.entrySet()) {
        if (e.getKey().equals(LABEL)) byType.computeIfAbsent(LABEL, t -> new TreeSet<>()).addAll(e.getValue());
        else byType.put(e.getKey(), e.getValue());
      }
    }
    List<String> out = new ArrayList<>();
    for (TreeSet<String> values : byType.values()) out.addAll(values);
    return out;
  }
}
