package io.weft.model;

/**
 * A reference from one resource to another, with the field it was written in so an
 * error can name it. {@code project} is null when {@code kind} is cluster-wide.
 */
public record Reference(Kind kind, String project, String name, String field) {
  public ResourceKey key() {
    return new ResourceKey(kind, project, name);
  }
}
