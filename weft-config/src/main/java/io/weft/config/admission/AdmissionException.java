package io.weft.config.admission;

/**
 * An admission refused a request. The API answers {@link #status()} (409 Conflict unless
 * said otherwise) with the message, and {@link #field()} in the error list when set; nothing
 * is written.
 */
public final class AdmissionException extends RuntimeException {
  private final int status;
  private final String field;

  public AdmissionException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  /** 409: the request conflicts with the state of the store (address taken, subnet full). */
  public static AdmissionException conflict(String field, String message) {
    return new AdmissionException(409, field, message);
  }

  /** 400: the request is invalid whatever the state (e.g. a user writing a derived kind). */
  public static AdmissionException invalid(String field, String message) {
    return new AdmissionException(400, field, message);
  }

  public int status() {
    return status;
  }

  /** The field the problem is in, e.g. {@code spec.fixedIps[0]}, or null. */
  public String field() {
    return field;
  }
}
