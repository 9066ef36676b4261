package io.weft.config.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The labels of a resource tree, for label selectors. */
final class Labels {
  private Labels() {}

  static Map<String, String> of(JsonNode resource) {
    Map<String, String> labels = new HashMap<>();
    resource.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }
}
