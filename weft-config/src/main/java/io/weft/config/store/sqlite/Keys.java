package io.weft.config.store.sqlite;

import io.weft.model.Kind;
import io.weft.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How keys and reference sets are spelled in SQLite.
 *
 * <p>A key is one TEXT column, {@code Kind US project US name} (US = U+001F, which no valid
 * name contains; a cluster-wide key has an empty project), so one primary key index serves
 * point reads and the prefix ranges of {@code list(kind, project)}. The kind is stored by its
 * envelope name, not its ordinal, so adding kinds never rewrites a database.
 */
final class Keys {
  static final char SEP = '\u001f';
  private static final Map<String, Kind> KINDS = new HashMap<>();

  static {
    for (Kind k : Kind.values()) KINDS.put(k.kindName(), k);
  }

  private Keys() {}

  static String encode(ResourceKey key) {
    String project = key.project() == null ? "" : key.project();
    return key.kind().kindName() + SEP + project + SEP + key.name();
  }

  static ResourceKey decode(String text) {
    int a = text.indexOf(SEP);
    int b = text.indexOf(SEP, a + 1);
    Kind kind = KINDS.get(text.substring(0, a));
    if (kind == null) throw new IllegalStateException("stored key of unknown kind: " + text.substring(0, a));
    String project = text.substring(a + 1, b);
    return new ResourceKey(kind, project.isEmpty() ? null : project, text.substring(b + 1));
  }

  /** The half-open range {@code [from, to)} of encoded keys of a kind, in one project or all. */
  static String[] range(Kind kind, String project) {
    String from = project == null ? kind.kindName() + SEP : kind.kindName() + SEP + project + SEP;
    String to = from.substring(0, from.length() - 1) + (char) (SEP + 1);
    return new String[] {from, to};
  }

  /** A reference set as newline-separated encoded keys, sorted so equal sets compare equal. */
  static String encodeSet(Set<ResourceKey> keys) {
    if (keys.isEmpty()) return "";
    List<String> encoded = new ArrayList<>(keys.size());
    for (ResourceKey k : keys) encoded.add(encode(k));
    encoded.sort(null);
    return String.join("\n", encoded);
  }

  /** Each key of {@code keys} encoded, in the set's iteration order. */
  static List<String> encodeAll(Set<ResourceKey> keys) {
    if (keys.isEmpty()) return List.of();
    List<String> encoded = new ArrayList<>(keys.size());
    for (ResourceKey k : keys) encoded.add(encode(k));
    return encoded;
  }

  /** {@link #encodeSet}'s spelling of already encoded keys; does not change {@code encoded}. */
  static String joinSorted(List<String> encoded) {
    if (encoded.isEmpty()) return "";
    if (encoded.size() == 1) return encoded.getFirst();
    List<String> sorted = new ArrayList<>(encoded);
    sorted.sort(null);
    return String.join("\n", sorted);
  }

  static Set<ResourceKey> decodeSet(String text) {
    if (text == null || text.isEmpty()) return Set.of();
    String[] parts = text.split("\n");
    ResourceKey[] keys = new ResourceKey[parts.length];
    for (int i = 0; i < parts.length; i++) keys[i] = decode(parts[i]);
    return Set.of(keys);
  }
}
