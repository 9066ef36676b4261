package io.weft.config.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.model.Kind;

/** The {@code GET /api/v1} document: every kind with its names and scope. */
final class Discovery {
  private final ObjectNode document;

  Discovery(ObjectMapper mapper) {
    document = mapper.createObjectNode();
    ArrayNode kinds = document.putArray("kinds");
    for (Kind k : Kind.values()) {
      ObjectNode n = kinds.addObject();
      n.put("kind", k.kindName());
      n.put("plural", k.plural());
      n.put("singular", k.singular());
      ArrayNode shortNames = n.putArray("shortNames");
      k.shortNames().forEach(shortNames::add);
      n.put("scope", k.scope().name());
    }
  }

  ObjectNode document() {
    return document.deepCopy();
  }
}
