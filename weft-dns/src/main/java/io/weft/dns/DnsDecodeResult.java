package io.weft.dns;

/** What {@link DnsMessage#decode} returns: a message, or why the octets are not one. */
public sealed interface DnsDecodeResult permits DnsMessage, DnsDecodeError {
  /** The message; throws with the error's text when decoding failed (tests). */
  default DnsMessage orThrow() {
    return switch (this) {
      case DnsMessage m -> m;
      case DnsDecodeError e -> throw new IllegalArgumentException(e.toString());
    };
  }
}
