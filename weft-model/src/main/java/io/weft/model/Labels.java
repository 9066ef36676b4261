package io.weft.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Label keys and values, with the rules of Kubernetes labels so selectors feel familiar. */
public final class Labels {
  /** The longest key name (after the prefix) and value, as Kubernetes allows. */
  private static final int MAX = 63;

  private Labels() {}

  /** {@code [prefix/]name}: an optional DNS-like prefix, then a name of at most 63 characters. */
  public static boolean validKey(String key) {
    if (key == null) return false;
    int slash = key.indexOf('/');
    if (slash >= 0 && !NameSyntax.isPrefix(key, 0, slash)) return false;
    return NameSyntax.isSegment(key, slash + 1, key.length(), MAX);
  }

  /** Empty, or a name of at most 63 characters. */
  public static boolean validValue(String value) {
    return value != null && (value.isEmpty() || NameSyntax.isSegment(value, 0, value.length(), MAX));
  }

  static Map<String, String> parse(JsonNode node, Problems p) {
    Map<String, String> labels = new TreeMap<>();
    if (node.isMissingNode() || node.isNull()) return labels;
    if (!node.isObject()) {
      p.add("must be a map of key: value");
      return labels;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!validKey(e.getKey())) p.add(e.getKey(), "is not a valid label key");
      JsonNode v = e.getValue();
      String value = v.isValueNode() && !v.isNull() ? v.asText() : null;
      if (value == null || !validValue(value)) p.add(e.getKey(), "value must be a string of letters, digits, '-', '_', '.' (at most 63)");
      else labels.put(e.getKey(), value);
    }
    return labels;
  }
}
