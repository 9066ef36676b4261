package io.weft.bgp.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** UPDATE body, RFC 4271 §4.3, with the error handling of RFC 7606. */
final class UpdateCodec {
  private UpdateCodec() {}

  private static final int BASE = Frame.HEADER_LENGTH;

  static DecodeResult decode(ByteBuffer b, WireOptions opts) {
    int total = b.remaining();
    int withdrawnLen = b.getShort() & 0xffff;
    if (withdrawnLen > b.remaining() - 2) {
      return reset(ErrorCode.MALFORMED_ATTRIBUTE_LIST, BASE, "withdrawn routes length " + withdrawnLen + " overruns the message");
    }
    int attrLenAt = 2 + withdrawnLen;
    int attrLen = b.getShort(attrLenAt) & 0xffff;
    if (attrLen > total - attrLenAt - 2) {
      return reset(ErrorCode.MALFORMED_ATTRIBUTE_LIST, BASE + attrLenAt, "total path attribute length " + attrLen
          + " overruns the message");
    }
    List<Nlri> withdrawnN;
    List<Nlri> nlriN;
    try {
      withdrawnN = NlriCodec.decodeAll(Family.IPV4_UNICAST, b.slice(2, withdrawnLen), BASE + 2, true);
      int nlriAt = attrLenAt + 2 + attrLen;
      nlriN = NlriCodec.decodeAll(Family.IPV4_UNICAST, b.slice(nlriAt, total - nlriAt), BASE + nlriAt, false);
    } catch (WireException e) {
      return new DecodeResult.SessionReset(e.error); // RFC 7606 §5.3
    }
    List<IpPrefix> withdrawn = withdrawnN.stream().map(IpPrefix.class::cast).toList();
    List<IpPrefix> nlri = nlriN.stream().map(IpPrefix.class::cast).toList();

    List<PathAttribute> attrs = new ArrayList<>();
    List<DecodeError> discarded = new ArrayList<>();
    DecodeError withdrawCause = null;
    Set<Integer> seen = new HashSet<>();
    ByteBuffer a = b.slice(attrLenAt + 2, attrLen);
    int attrBase = BASE + attrLenAt + 2;
    byte[] raw = new byte[attrLen];
    a.get(0, raw);
    while (a.hasRemaining()) {
      int at = a.position();
      int flags = a.get(at) & 0xff;
      boolean ext = (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
      int headerLen = ext ? 4 : 3;
      if (a.remaining() < headerLen) {
        // RFC 7606 §4: too few octets for an attribute header.
        withdrawCause = first(withdrawCause, new DecodeError(ErrorCode.UPDATE_MESSAGE_ERROR,
            ErrorCode.MALFORMED_ATTRIBUTE_LIST, attrBase + at, Bytes.of(raw, at, a.remaining()), "truncated attribute header"));
        break;
      }
      int type = a.get(at + 1) & 0xff;
      int len = ext ? a.getShort(at + 2) & 0xffff : a.get(at + 2) & 0xff;
      if (len > a.remaining() - headerLen) {
        // RFC 7606 §4: the attribute overruns the Total Attribute Length.
        DecodeError e = new DecodeError(ErrorCode.UPDATE_MESSAGE_ERROR, ErrorCode.ATTRIBUTE_LENGTH_ERROR, attrBase + at,
            Bytes.of(raw, at, a.remaining()), "attribute " + type + " length " + len + " overruns the attributes");
        if (type == PathAttribute.MP_REACH_NLRI || type == PathAttribute.MP_UNREACH_NLRI) {
          return new DecodeResult.SessionReset(e);
        }
        withdrawCause = first(withdrawCause, e);
        break;
      }
      Bytes whole = Bytes.of(raw, at, headerLen + len);
      ByteBuffer value = a.slice(at + headerLen, len);
      a.position(at + headerLen + len);
      if (!seen.add(type)) {
        // RFC 7606 §3 g: repeated MP_(UN)REACH resets; any other repeat is discarded.
        DecodeError e = new DecodeError(ErrorCode.UPDATE_MESSAGE_ERROR, ErrorCode.MALFORMED_ATTRIBUTE_LIST,
            attrBase + at, whole, "attribute " + type + " repeated");
        if (type == PathAttribute.MP_REACH_NLRI || type == PathAttribute.MP_UNREACH_NLRI) {
          return new DecodeResult.SessionReset(e);
        }
        discarded.add(e);
        continue;
      }
      AttributeCodec.Result r = AttributeCodec.decode(flags, type, value, whole, attrBase + at, opts);
      if (r.attribute() != null) {
        attrs.add(r.attribute());
      } else if (r.handling() != null) {
        switch (r.handling()) {
          case ATTRIBUTE_DISCARD -> discarded.add(r.error());
          case TREAT_AS_WITHDRAW -> withdrawCause = first(withdrawCause, r.error());
          case SESSION_RESET -> {
            return new DecodeResult.SessionReset(r.error());
          }
        }
      }
    }

    boolean reach = !nlri.isEmpty() || attrs.stream().anyMatch(x -> x instanceof MpReachNlri);
    if (withdrawCause == null && reach) {
      withdrawCause = missingWellKnown(attrs, !nlri.isEmpty(), opts);
    }
    if (withdrawCause != null) {
      return new DecodeResult.TreatAsWithdraw(withdrawal(withdrawn, attrs, nlri), withdrawCause, discarded);
    }
    return new DecodeResult.Decoded(new Update(withdrawn, attrs, nlri), discarded);
  }

  private static DecodeError first(DecodeError have, DecodeError e) {
    return have != null ? have : e;
  }

  /** RFC 4271 §6.3 and RFC 7606 §3 d: missing ORIGIN, AS_PATH, NEXT_HOP (IPv4 NLRI) or LOCAL_PREF (internal). */
  private static DecodeError missingWellKnown(List<PathAttribute> attrs, boolean ipv4Nlri, WireOptions opts) {
    List<Integer> need = new ArrayList<>(List.of(PathAttribute.ORIGIN, PathAttribute.AS_PATH));
    if (ipv4Nlri) need.add(PathAttribute.NEXT_HOP);
    if (opts.internalPeer()) need.add(PathAttribute.LOCAL_PREF);
    for (int t : need) {
      if (attrs.stream().noneMatch(x -> x.typeCode() == t)) {
        return new DecodeError(ErrorCode.UPDATE_MESSAGE_ERROR, ErrorCode.MISSING_WELL_KNOWN_ATTRIBUTE, 0,
            Bytes.of((byte) t), "missing well-known attribute " + t);
      }
    }
    return null;
  }

  /** Everything the UPDATE announced or withdrew, as one withdrawal. */
  private static Update withdrawal(List<IpPrefix> withdrawn, List<PathAttribute> attrs, List<IpPrefix> nlri) {
    List<IpPrefix> w = new ArrayList<>(withdrawn);
    w.addAll(nlri);
    Map<Family, List<Nlri>> byFamily = new LinkedHashMap<>();
    for (PathAttribute x : attrs) {
      if (x instanceof MpReachNlri r) byFamily.computeIfAbsent(r.family(), f -> new ArrayList<>()).addAll(r.nlri());
      if (x instanceof MpUnreachNlri u) byFamily.computeIfAbsent(u.family(), f -> new ArrayList<>()).addAll(u.withdrawn());
    }
    List<PathAttribute> out = new ArrayList<>();
    byFamily.forEach((f, l) -> out.add(new MpUnreachNlri(f, l)));
    return new Update(w, out, List.of());
  }

  private static DecodeResult reset(int subcode, int offset, String reason) {
    return new DecodeResult.SessionReset(new DecodeError(ErrorCode.UPDATE_MESSAGE_ERROR, subcode, offset, Bytes.EMPTY, reason));
  }

  static void encode(Update u, WireOptions opts, ByteBuffer out) {
    int wAt = out.position();
    out.putShort((short) 0);
    u.withdrawn().forEach(p -> NlriCodec.write(p, out));
    out.putShort(wAt, (short) (out.position() - wAt - 2));
    int aAt = out.position();
    out.putShort((short) 0);
    u.attributes().forEach(x -> AttributeCodec.encode(x, opts, out));
    out.putShort(aAt, (short) (out.position() - aAt - 2));
    u.nlri().forEach(p -> NlriCodec.write(p, out));
  }
}
