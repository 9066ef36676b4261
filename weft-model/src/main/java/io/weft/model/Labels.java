package io.weft.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Label keys and values, with the rules of Kubernetes labels so selectors feel familiar. */
public final class Labels {
  private static final Pattern KEY = Pattern.compile("([a-z0-9.-]{1,253}/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?");
  private static final Pattern VALUE = Pattern.compile("(|[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)");

  private Labels() {}

  public static boolean validKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  public static boolean validValue(String value) {
    return value != null && VALUE.matcher(value).matches();
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
