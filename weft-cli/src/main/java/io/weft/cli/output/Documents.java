package io.weft.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import java.util.List;

/** YAML and JSON renderings of resources as the API returns them, for {@code -o yaml|json}. */
public final class Documents {
  private final ResourceCodec codec;

  public Documents(ResourceCodec codec) {
    this.codec = codec;
  }

  public String yaml(JsonNode node) {
    try {
      return codec.yaml().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Several resources as a multi-document YAML stream, ready for {@code weftctl apply -f -}. */
  public String yamlStream(List<JsonNode> nodes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      if (i > 0) sb.append("---\n");
      sb.append(yaml(nodes.get(i)));
    }
    return sb.toString();
  }

  public String json(JsonNode node) {
    try {
      return codec.json().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The API's List envelope around {@code items}. */
  public ObjectNode list(List<JsonNode> items, long resourceVersion) {
    ObjectNode list = codec.json().createObjectNode();
    list.put("apiVersion", Resource.API_VERSION);
    list.put("kind", "List");
    list.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    return list;
  }
}
