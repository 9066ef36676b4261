package io.weft.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A resource in the Kubernetes-style envelope. Users write {@code spec}; the compiler
 * writes {@code status} (free-form, kind-specific). Immutable: the {@code with*} methods
 * return copies.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resource(String apiVersion, String kind, Metadata metadata, Spec spec, ObjectNode status) {
  public static final String API_VERSION = "weft/v1";

  public static Resource of(Metadata metadata, Spec spec) {
    return new Resource(API_VERSION, Kind.ofSpec(spec.getClass()).kindName(), metadata, spec, null);
  }

  public Kind kindEnum() {
    return Kind.fromKindName(kind).orElseThrow();
  }

  public ResourceKey key() {
    return new ResourceKey(kindEnum(), metadata.project(), metadata.name());
  }

  public List<Reference> references() {
    return spec.references(metadata.project());
  }

  /** See {@link Spec#weakReferences(String)}. */
  public List<Reference> weakReferences() {
    return spec.weakReferences(metadata.project());
  }

  public Resource withMetadata(Metadata m) {
    return new Resource(apiVersion, kind, m, spec, status);
  }

  public Resource withStatus(ObjectNode s) {
    return new Resource(apiVersion, kind, metadata, spec, s);
  }

  public Resource withSpec(Spec s) {
    return new Resource(apiVersion, kind, metadata, s, status);
  }
}
