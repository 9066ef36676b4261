package io.weft.model;

import java.util.List;
import java.util.stream.Collectors;

/** A resource is malformed or invalid; {@link #errors()} names every offending field. */
public final class ValidationException extends RuntimeException {
  private final List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public ValidationException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
