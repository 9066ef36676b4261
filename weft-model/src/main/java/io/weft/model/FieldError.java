package io.weft.model;

/** One problem with one field of a resource, named by its path, e.g. {@code spec.subnets[0].cidr}. */
public record FieldError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
