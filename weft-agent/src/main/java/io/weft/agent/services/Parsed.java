package io.weft.agent.services;

/**
 * The outcome of decoding a service message (DHCP, DNS): the value, or why it failed with
 * the field and byte offset, so a caller can count the drop by reason.
 */
public sealed interface Parsed<T> {
  record Ok<T>(T value) implements Parsed<T> {}

  record Failed<T>(String protocol, String field, int offset, String reason) implements Parsed<T> {
    @Override
    public String toString() {
      return protocol + " " + field + " at offset " + offset + ": " + reason;
    }
  }

  static <T> Parsed<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Parsed<T> failed(String protocol, String field, int offset, String reason) {
    return new Failed<>(protocol, field, offset, reason);
  }

  /** The value; throws with the failure's text when decoding failed (tests). */
  default T orThrow() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Failed<T> f -> throw new IllegalArgumentException(f.toString());
    };
  }
}
