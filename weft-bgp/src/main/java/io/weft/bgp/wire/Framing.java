package io.weft.bgp.wire;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Splits a byte stream into {@link Frame}s (RFC 4271 §4.1, §6.1), separately from decoding
 * message bodies, as Netty's LengthFieldBasedFrameDecoder is separate from its codecs.
 */
public final class Framing {
  private Framing() {}

  /** A checked header: the total message length and the type, or the Message Header Error to send. */
  public record Header(int length, int type) {}

  /** The header's outcome: exactly one of {@code header} and {@code error} is set. */
  public record HeaderResult(Header header, DecodeError error) {}

  /** Checks the 19 header octets at {@code in}'s position (which is not moved). */
  public static HeaderResult header(ByteBuffer in) {
    int p = in.position();
    for (int i = 0; i < 16; i++) {
      if (in.get(p + i) != (byte) 0xff) {
        return new HeaderResult(null, new DecodeError(ErrorCode.MESSAGE_HEADER_ERROR,
            ErrorCode.CONNECTION_NOT_SYNCHRONIZED, i, Bytes.EMPTY, "marker is not all ones"));
      }
    }
    int length = in.getShort(p + 16) & 0xffff;
    int type = in.get(p + 18) & 0xff;
    Bytes lengthField = Bytes.of((byte) (length >>> 8), (byte) length);
    if (type < BgpMessage.OPEN || type > BgpMessage.ROUTE_REFRESH) {
      return new HeaderResult(null, new DecodeError(ErrorCode.MESSAGE_HEADER_ERROR, ErrorCode.BAD_MESSAGE_TYPE, 18,
          Bytes.of((byte) type), "message type " + type));
    }
    int min = switch (type) {
      case BgpMessage.OPEN -> 29;
      case BgpMessage.UPDATE -> 23;
      case BgpMessage.NOTIFICATION -> 21;
      case BgpMessage.ROUTE_REFRESH -> 23;
      default -> 19;
    };
    boolean fixed = type == BgpMessage.KEEPALIVE || type == BgpMessage.ROUTE_REFRESH;
    if (length < min || length > Frame.MAX_LENGTH || (fixed && length != min)) {
      // RFC 4271 §6.1: the data is the erroneous Length field.
      return new HeaderResult(null, new DecodeError(ErrorCode.MESSAGE_HEADER_ERROR, ErrorCode.BAD_MESSAGE_LENGTH, 16,
          lengthField, "length " + length + " for type " + type));
    }
    return new HeaderResult(new Header(length, type), null);
  }

  /**
   * Takes one frame from {@code in} if a whole one is there; returns empty (position
   * unchanged) when more bytes are needed. A header error is returned as the frame's error.
   */
  public static Optional<HeaderResult> peek(ByteBuffer in) {
    if (in.remaining() < Frame.HEADER_LENGTH) return Optional.empty();
    return Optional.of(header(in));
  }

  /** Takes one whole frame from {@code in}, or null if it does not hold one yet. The header must have been checked. */
  public static Frame take(ByteBuffer in, Header h) {
    if (in.remaining() < h.length()) return null;
    byte[] body = new byte[h.length() - Frame.HEADER_LENGTH];
    in.position(in.position() + Frame.HEADER_LENGTH);
    in.get(body);
    return new Frame(h.type(), Bytes.of(body));
  }
}
