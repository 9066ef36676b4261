package io.weft.forwarder.packet;

/**
 * The outcome of decoding a header: the value, or a description of what is wrong and where.
 * Decoders return this instead of throwing, so random bytes never escape as exceptions.
 */
public sealed interface Decoded<T> {
  record Ok<T>(T value) implements Decoded<T> {}

  /** {@code offset} is relative to the start of the buffer handed to the decoder. */
  record Malformed<T>(String header, String field, int offset, String reason) implements Decoded<T> {
    public <U> Malformed<U> cast() {
      return new Malformed<>(header, field, offset, reason);
    }
  }

  static <T> Decoded<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Decoded<T> malformed(String header, String field, int offset, String reason) {
    return new Malformed<>(header, field, offset, reason);
  }

  default T orElseThrow() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Malformed<T> m -> throw new IllegalArgumentException(m.toString());
    };
  }

  default boolean isOk() {
    return this instanceof Ok;
  }
}
