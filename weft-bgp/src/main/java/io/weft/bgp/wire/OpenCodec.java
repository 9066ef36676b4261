package io.weft.bgp.wire;

import java.net.Inet4Address;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** OPEN body and capabilities, RFC 4271 §4.2 and RFC 5492 §4. Validation of the values is the session's (RFC 4271 §6.2). */
final class OpenCodec {
  private OpenCodec() {}

  static final int OPT_PARAM_CAPABILITIES = 2;

  static DecodeResult decode(ByteBuffer b) {
    int version = b.get() & 0xff;
    int myAs = b.getShort() & 0xffff;
    int hold = b.getShort() & 0xffff;
    Inet4Address id = (Inet4Address) NlriCodec.readAddress(b, 4);
    int optLen = b.get() & 0xff;
    if (version != Open.VERSION) {
      // RFC 4271 §6.2: whatever follows may be another version's format; the session answers 2/1.
      return new DecodeResult.Decoded(new Open(version, myAs, hold, id, List.of()));
    }
    if (optLen != b.remaining()) {
      return reset(0, 28, "optional parameters length " + optLen
          + " but " + b.remaining() + " octets follow");
    }
    List<Capability> caps = new ArrayList<>();
    while (b.hasRemaining()) {
      int at = Frame.HEADER_LENGTH + b.position();
      int type = b.get() & 0xff;
      int len = b.get() & 0xff;
      if (len > b.remaining()) return reset(0, at, "optional parameter overruns the message");
      ByteBuffer p = b.slice(b.position(), len);
      b.position(b.position() + len);
      if (type != OPT_PARAM_CAPABILITIES) {
        return new DecodeResult.SessionReset(new DecodeError(ErrorCode.OPEN_MESSAGE_ERROR,
            ErrorCode.UNSUPPORTED_OPTIONAL_PARAMETER, at, Bytes.EMPTY, "optional parameter type " + type));
      }
      while (p.hasRemaining()) {
        int code = p.get() & 0xff;
        int clen = p.get() & 0xff;
        if (clen > p.remaining()) return reset(0, at, "capability " + code + " overruns its parameter");
        ByteBuffer c = p.slice(p.position(), clen);
        p.position(p.position() + clen);
        Capability cap = capability(code, c);
        if (cap == null) return reset(0, at, "malformed capability " + code);
        caps.add(cap);
      }
    }
    return new DecodeResult.Decoded(new Open(version, myAs, hold, id, caps));
  }

  private static DecodeResult reset(int subcode, int at, String reason) {
    return new DecodeResult.SessionReset(new DecodeError(ErrorCode.OPEN_MESSAGE_ERROR, subcode, at, Bytes.EMPTY, reason));
  }

  /** One capability, or null if its value is malformed for its code. */
  private static Capability capability(int code, ByteBuffer c) {
    int len = c.remaining();
    try {
      return switch (code) {
        case Capability.MULTIPROTOCOL -> {
          if (len != 4) yield null;
          int afi = c.getShort() & 0xffff;
          c.get();
          yield new MultiprotocolCapability(new Family(afi, c.get() & 0xff));
        }
        case Capability.ROUTE_REFRESH -> len == 0 ? new RouteRefreshCapability() : null;
        case Capability.FOUR_OCTET_AS -> len == 4 ? new FourOctetAsCapability(c.getInt() & 0xffffffffL) : null;
        case Capability.EXTENDED_NEXT_HOP -> {
          if (len % 6 != 0) yield null;
          List<ExtendedNextHopCapability.Entry> e = new ArrayList<>();
          while (c.hasRemaining()) {
            int afi = c.getShort() & 0xffff;
            int safi = c.getShort() & 0xffff;
            int nh = c.getShort() & 0xffff;
            if (safi > 255) yield null;
            e.add(new ExtendedNextHopCapability.Entry(new Family(afi, safi), nh));
          }
          yield new ExtendedNextHopCapability(e);
        }
        case Capability.GRACEFUL_RESTART -> {
          if (len < 2 || (len - 2) % 4 != 0) yield null;
          int head = c.getShort() & 0xffff;
          List<GracefulRestartCapability.FamilyFlags> f = new ArrayList<>();
          while (c.hasRemaining()) {
            int afi = c.getShort() & 0xffff;
            int safi = c.get() & 0xff;
            int flags = c.get() & 0xff;
            f.add(new GracefulRestartCapability.FamilyFlags(new Family(afi, safi), (flags & 0x80) != 0));
          }
          yield new GracefulRestartCapability((head & 0x8000) != 0, (head & 0x4000) != 0, head & 0x0fff, f);
        }
        default -> {
          byte[] v = new byte[len];
          c.get(v);
          yield new UnknownCapability(code, Bytes.of(v));
        }
      };
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return null;
    }
  }

  static void encode(Open o, ByteBuffer out) {
    out.put((byte) o.version()).putShort((short) o.myAs()).putShort((short) o.holdTime()).put(o.bgpId().getAddress());
    int optLenAt = out.position();
    out.put((byte) 0);
    if (!o.capabilities().isEmpty()) {
      // All capabilities in one optional parameter (RFC 5492 §4 allows either form).
      out.put((byte) OPT_PARAM_CAPABILITIES);
      int paramLenAt = out.position();
      out.put((byte) 0);
      for (Capability c : o.capabilities()) writeCapability(c, out);
      out.put(paramLenAt, (byte) (out.position() - paramLenAt - 1));
    }
    out.put(optLenAt, (byte) (out.position() - optLenAt - 1));
  }

  private static void writeCapability(Capability c, ByteBuffer out) {
    out.put((byte) c.code());
    int lenAt = out.position();
    out.put((byte) 0);
    switch (c) {
      case MultiprotocolCapability m -> out.putShort((short) m.family().afi()).put((byte) 0).put((byte) m.family().safi());
      case RouteRefreshCapability r -> { }
      case FourOctetAsCapability f -> out.putInt((int) f.as());
      case ExtendedNextHopCapability e -> e.entries().forEach(x -> out.putShort((short) x.family().afi())
          .putShort((short) x.family().safi()).putShort((short) x.nextHopAfi()));
      case GracefulRestartCapability g -> {
        out.putShort((short) ((g.restartState() ? 0x8000 : 0) | (g.notification() ? 0x4000 : 0) | g.restartTime()));
        g.families().forEach(f -> out.putShort((short) f.family().afi()).put((byte) f.family().safi())
            .put((byte) (f.forwardingPreserved() ? 0x80 : 0)));
      }
      case UnknownCapability u -> out.put(u.value().array());
    }
    out.put(lenAt, (byte) (out.position() - lenAt - 1));
  }
}
