package io.weft.bgp.wire;

/** Internal control flow of the decoders; never leaves this package (the codecs return values). */
final class WireException extends RuntimeException {
  final DecodeError error;

  WireException(DecodeError error) {
    super(error.reason(), null, false, false);
    this.error = error;
  }

  WireException(int code, int subcode, int offset, Bytes data, String reason) {
    this(new DecodeError(code, subcode, offset, data, reason));
  }
}
