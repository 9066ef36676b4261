package io.weft.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tags are {@code type=value} (SYSTEM.md §2). Predefined types are application, tier,
 * deployment, site and label; custom types are lower-case words. A tag written on an
 * object names the Tag resource of the object's project, or a global Tag when prefixed
 * {@code global:} (or when the object itself is cluster-wide).
 */
public final class TagSyntax {
  public static final Set<String> PREDEFINED_TYPES = Set.of("application", "tier", "deployment", "site", "label");
  public static final String GLOBAL_PREFIX = ReferenceSyntax.GLOBAL_PREFIX;
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private static final String TYPE_RULE = "lower-case letters, digits, '-' and '_', starting with a letter";

  private TagSyntax() {}

  /** The problem with {@code tag}, or null when it is well formed. */
  public static String problem(String tag) {
    if (tag == null || tag.isBlank()) return "is required";
    String t = tag.startsWith(GLOBAL_PREFIX) ? tag.substring(GLOBAL_PREFIX.length()) : tag;
    int eq = t.indexOf('=');
    if (eq < 0) return "'" + tag + "' is not a tag: expected type=value, e.g. tier=web";
    if (!TYPE.matcher(t.substring(0, eq)).matches()) return "'" + tag + "' has an invalid type: " + TYPE_RULE;
    if (!VALUE.matcher(t.substring(eq + 1)).matches()) {
      return "'" + tag + "' has an invalid value: letters, digits, '.', '-' and '_', at most 128";
    }
    return null;
  }

  /** The problem with a tag type name such as {@code deployment}, or null when it is well formed. */
  public static String typeProblem(String type) {
    if (type == null || type.isBlank()) return "is required";
    return TYPE.matcher(type).matches() ? null : "'" + type + "' is not a tag type: " + TYPE_RULE;
  }

  public static void validateAll(List<String> tags, Problems problems) {
    for (int i = 0; i < tags.size(); i++) {
      String p = problem(tags.get(i));
      if (p != null) problems.at(i).add(p);
    }
  }

  /** The type of a well-formed tag, e.g. {@code tier} for {@code tier=web}. */
  public static String type(String tag) {
    String t = unqualified(tag);
    return t.substring(0, t.indexOf('='));
  }

  public static String value(String tag) {
    String t = unqualified(tag);
    return t.substring(t.indexOf('=') + 1);
  }

  public static String unqualified(String tag) {
    return tag.startsWith(GLOBAL_PREFIX) ? tag.substring(GLOBAL_PREFIX.length()) : tag;
  }

  /** References to the Tag resources named by well-formed {@code tags}, resolved by {@link ReferenceSyntax}. */
  public static List<Reference> references(List<String> tags, String project, String field) {
    List<Reference> refs = new ArrayList<>();
    ReferenceSyntax.addAll(refs, Kind.TAG, project, tags, field);
    return refs;
  }
}
