package io.weft.bgp.wire;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Decodes message bodies to records and encodes records to whole messages (header
 * included). Pure functions: negotiated facts come in as {@link WireOptions}; decoding
 * never throws, it returns a {@link DecodeResult}.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /** The largest message RFC 4271 §4.1 allows without RFC 8654 extended messages. */
  public static final int MAX_MESSAGE = Frame.MAX_LENGTH;

  public static DecodeResult decode(Frame frame, WireOptions opts) {
    ByteBuffer b = ByteBuffer.wrap(frame.body().array()).asReadOnlyBuffer();
    try {
      return switch (frame.type()) {
        case BgpMessage.OPEN -> OpenCodec.decode(b);
        case BgpMessage.UPDATE -> UpdateCodec.decode(b, opts);
        case BgpMessage.KEEPALIVE -> b.hasRemaining() ? badLength(frame) : new DecodeResult.Decoded(Keepalive.INSTANCE);
        case BgpMessage.NOTIFICATION -> {
          int code = b.get() & 0xff;
          int sub = b.get() & 0xff;
          byte[] data = new byte[b.remaining()];
          b.get(data);
          yield new DecodeResult.Decoded(new Notification(code, sub, Bytes.of(data)));
        }
        case BgpMessage.ROUTE_REFRESH -> {
          if (b.remaining() != 4) yield badLength(frame);
          int afi = b.getShort() & 0xffff;
          int sub = b.get() & 0xff;
          yield new DecodeResult.Decoded(new RouteRefresh(new Family(afi, b.get() & 0xff), sub));
        }
        default -> new DecodeResult.SessionReset(new DecodeError(ErrorCode.MESSAGE_HEADER_ERROR,
            ErrorCode.BAD_MESSAGE_TYPE, 18, Bytes.of((byte) frame.type()), "message type " + frame.type()));
      };
    } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
      return badLength(frame);
    } catch (RuntimeException e) {
      // Defence in depth: a decoder bug must not take the session thread down with an exception.
      return new DecodeResult.SessionReset(new DecodeError(frame.type() == BgpMessage.UPDATE
          ? ErrorCode.UPDATE_MESSAGE_ERROR : ErrorCode.MESSAGE_HEADER_ERROR, 0, 0, Bytes.EMPTY, "decoder: " + e));
    }
  }

  private static DecodeResult badLength(Frame frame) {
    int len = frame.length();
    return new DecodeResult.SessionReset(new DecodeError(ErrorCode.MESSAGE_HEADER_ERROR, ErrorCode.BAD_MESSAGE_LENGTH, 16,
        Bytes.of((byte) (len >>> 8), (byte) len), "length " + len + " does not fit message type " + frame.type()));
  }

  /** Frames and decodes one whole message (header included); trailing octets are an error. */
  public static DecodeResult decode(byte[] message, WireOptions opts) {
    ByteBuffer in = ByteBuffer.wrap(message);
    if (message.length < Frame.HEADER_LENGTH) {
      return new DecodeResult.SessionReset(new DecodeError(ErrorCode.MESSAGE_HEADER_ERROR, ErrorCode.BAD_MESSAGE_LENGTH,
          0, Bytes.EMPTY, "shorter than a header"));
    }
    Framing.HeaderResult h = Framing.header(in);
    if (h.error() != null) return new DecodeResult.SessionReset(h.error());
    if (h.header().length() != message.length) {
      return new DecodeResult.SessionReset(new DecodeError(ErrorCode.MESSAGE_HEADER_ERROR, ErrorCode.BAD_MESSAGE_LENGTH,
          16, Bytes.of(message, 16, 2), "length field " + h.header().length() + " but " + message.length + " octets"));
    }
    return decode(Framing.take(in, h.header()), opts);
  }

  /** Encodes a whole message, header included. Throws if it exceeds 4096 octets. */
  public static byte[] encode(BgpMessage m, WireOptions opts) {
    ByteBuffer out = ByteBuffer.allocate(MAX_MESSAGE);
    int len = encode(m, opts, out);
    byte[] bytes = new byte[len];
    out.get(0, bytes);
    return bytes;
  }

  /**
   * Encodes a whole message at {@code out}'s position, which advances past it; returns its
   * length. {@code out} needs {@link #MAX_MESSAGE} octets left. Throws if the message exceeds
   * 4096 octets, leaving {@code out}'s position where it was.
   */
  public static int encode(BgpMessage m, WireOptions opts, ByteBuffer out) {
    int start = out.position();
    ByteBuffer w = out.slice(start, Math.min(out.remaining(), MAX_MESSAGE));
    for (int i = 0; i < 16; i++) w.put((byte) 0xff);
    w.putShort((short) 0).put((byte) m.type());
    try {
      switch (m) {
        case Open o -> OpenCodec.encode(o, w);
        case Update u -> UpdateCodec.encode(u, opts, w);
        case Keepalive k -> { }
        case Notification n -> w.put((byte) n.code()).put((byte) n.subcode()).put(n.data().array());
        case RouteRefresh r -> w.putShort((short) r.family().afi()).put((byte) r.subtype()).put((byte) r.family().safi());
      }
    } catch (BufferOverflowException e) {
      if (w.capacity() < MAX_MESSAGE) throw new IllegalArgumentException("buffer has less than " + MAX_MESSAGE + " octets left", e);
      throw new IllegalArgumentException("message exceeds " + MAX_MESSAGE + " octets", e);
    }
    int len = w.position();
    w.putShort(16, (short) len);
    out.position(start + len);
    return len;
  }

  /** The encoded size of an UPDATE, to pack several routes into one message. */
  public static int encodedSize(BgpMessage m, WireOptions opts) {
    try {
      return encode(m, opts).length;
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }
}
