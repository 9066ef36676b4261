package io.weft.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.cli.output.Documents;
import io.weft.cli.output.LineDiff;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.ValidationException;

/**
 * Compares what a file declares with what the store holds, on the part users own: labels
 * and spec. Both sides go through the model's records first so defaults the server filled
 * in ({@code forwarding: l2l3}, empty lists) do not count as differences.
 */
final class ResourceDiff {
  private final ResourceCodec codec;
  private final Documents docs;

  ResourceDiff(ResourceCodec codec) {
    this.codec = codec;
    this.docs = new Documents(codec);
  }

  /** A unified diff from live to declared, or "" when applying would change nothing. */
  String diff(String name, JsonNode live, Resource declared) {
    String from = docs.yaml(userOwned(normalise(live)));
    String to = docs.yaml(userOwned(codec.toTree(declared)));
    return LineDiff.unified(name + " (live)", name + " (file)", from, to);
  }

  private JsonNode normalise(JsonNode live) {
    try {
      return codec.toTree(codec.fromTree(live));
    } catch (ValidationException e) {
      // A resource the client's model cannot read (a newer server) is compared as sent.
      return live;
    }
  }

  private ObjectNode userOwned(JsonNode full) {
    ObjectNode out = codec.json().createObjectNode();
    out.set("apiVersion", full.path("apiVersion"));
    out.set("kind", full.path("kind"));
    ObjectNode meta = out.putObject("metadata");
    JsonNode m = full.path("metadata");
    meta.set("name", m.path("name"));
    if (m.hasNonNull("project")) meta.set("project", m.path("project"));
    if (m.path("labels").size() > 0) meta.set("labels", m.path("labels"));
    if (full.hasNonNull("spec")) out.set("spec", full.path("spec"));
    return out;
  }
}
