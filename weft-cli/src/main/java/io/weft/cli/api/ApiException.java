package io.weft.cli.api;

import io.weft.model.FieldError;
import java.util.List;

/**
 * The config API answered with a non-2xx status. Carries the server's {@code message},
 * its per-field {@code errors} and, for a refused delete, who still refers to the resource.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String reason;
  private final List<FieldError> errors;
  private final List<String> referencedBy;

  public ApiException(int status, String reason, String message, List<FieldError> errors, List<String> referencedBy) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.errors = List.copyOf(errors);
    this.referencedBy = List.copyOf(referencedBy);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public List<String> referencedBy() {
    return referencedBy;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  public boolean isConflict() {
    return status == 409;
  }
}
