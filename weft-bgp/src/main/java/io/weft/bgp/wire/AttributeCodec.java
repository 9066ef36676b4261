package io.weft.bgp.wire;

import static io.weft.bgp.wire.PathAttribute.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and encodes single path attributes. A malformed attribute is reported with the
 * approach RFC 7606 §7 assigns to its type (and §3 c for flag conflicts).
 */
final class AttributeCodec {
  private AttributeCodec() {}

  /** One decoded attribute: the attribute, or null with the error and how to handle it. */
  record Result(PathAttribute attribute, ErrorHandling handling, DecodeError error) {
    static Result ok(PathAttribute a) {
      return new Result(a, null, null);
    }
  }

  /** The O and T bits each known attribute must carry (RFC 4271 §5, RFC 4456 §8, RFC 4760, RFC 4360, RFC 6514 §5). */
  static int expectedFlags(int type) {
    return switch (type) {
      case ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE -> FLAG_TRANSITIVE;
      case MULTI_EXIT_DISC, ORIGINATOR_ID, CLUSTER_LIST, MP_REACH_NLRI, MP_UNREACH_NLRI -> FLAG_OPTIONAL;
      case AGGREGATOR, COMMUNITIES, EXTENDED_COMMUNITIES, PMSI_TUNNEL -> FLAG_OPTIONAL | FLAG_TRANSITIVE;
      default -> -1;
    };
  }

  /** RFC 7606 §7: the approach for a malformed attribute of each type. */
  static ErrorHandling onMalformed(int type) {
    return switch (type) {
      case ATOMIC_AGGREGATE, AGGREGATOR -> ErrorHandling.ATTRIBUTE_DISCARD;
      case MP_REACH_NLRI, MP_UNREACH_NLRI -> ErrorHandling.SESSION_RESET;
      default -> ErrorHandling.TREAT_AS_WITHDRAW;
    };
  }

  /**
   * @param whole the attribute as it appears on the wire (NOTIFICATION data)
   * @param offset offset of the attribute in the message
   */
  static Result decode(int flags, int type, ByteBuffer v, Bytes whole, int offset, WireOptions opts) {
    int expected = expectedFlags(type);
    if (expected < 0) return unknown(flags, type, v, whole, offset);
    if ((flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE)) != expected) {
      return malformed(type, ErrorCode.ATTRIBUTE_FLAGS_ERROR, whole, offset, "flags 0x" + Integer.toHexString(flags));
    }
    int len = v.remaining();
    try {
      return switch (type) {
        case ORIGIN -> {
          if (len != 1) yield malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "ORIGIN length " + len);
          int o = v.get() & 0xff;
          if (o > 2) yield malformed(type, ErrorCode.INVALID_ORIGIN_ATTRIBUTE, whole, offset, "ORIGIN " + o);
          yield Result.ok(Origin.values()[o]);
        }
        case AS_PATH -> decodeAsPath(v, whole, offset, opts.fourOctetAs());
        case NEXT_HOP -> {
          if (len != 4) yield malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "NEXT_HOP length " + len);
          yield Result.ok(new NextHop((Inet4Address) NlriCodec.readAddress(v, 4)));
        }
        case MULTI_EXIT_DISC -> {
          if (len != 4) yield malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "MED length " + len);
          yield Result.ok(new MultiExitDisc(v.getInt() & 0xffffffffL));
        }
        case LOCAL_PREF -> {
          if (!opts.internalPeer()) {
            yield new Result(null, ErrorHandling.ATTRIBUTE_DISCARD, err(ErrorCode.MALFORMED_ATTRIBUTE_LIST, whole, offset,
                "LOCAL_PREF from an external peer"));
          }
          if (len != 4) yield malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "LOCAL_PREF length " + len);
          yield Result.ok(new LocalPref(v.getInt() & 0xffffffffL));
        }
        case ATOMIC_AGGREGATE -> len != 0
            ? malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "ATOMIC_AGGREGATE length " + len)
            : Result.ok(new AtomicAggregate());
        case AGGREGATOR -> {
          int want = opts.fourOctetAs() ? 8 : 6;
          if (len != want) yield malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "AGGREGATOR length " + len);
          long as = opts.fourOctetAs() ? v.getInt() & 0xffffffffL : v.getShort() & 0xffff;
          yield Result.ok(new Aggregator(as, (Inet4Address) NlriCodec.readAddress(v, 4)));
        }
        case COMMUNITIES -> {
          if (len == 0 || len % 4 != 0) {
            yield malformed(type, ErrorCode.OPTIONAL_ATTRIBUTE_ERROR, whole, offset, "COMMUNITIES length " + len);
          }
          List<Long> c = new ArrayList<>();
          while (v.hasRemaining()) c.add(v.getInt() & 0xffffffffL);
          yield Result.ok(new Communities(c));
        }
        case EXTENDED_COMMUNITIES -> {
          if (len == 0 || len % 8 != 0) {
            yield malformed(type, ErrorCode.OPTIONAL_ATTRIBUTE_ERROR, whole, offset, "EXTENDED_COMMUNITIES length " + len);
          }
          List<ExtendedCommunity> c = new ArrayList<>();
          while (v.hasRemaining()) c.add(ExtendedCommunityCodec.decode(v.getLong()));
          yield Result.ok(new ExtendedCommunities(c));
        }
        case ORIGINATOR_ID -> {
          if (!opts.internalPeer()) yield discardExternal(type, whole, offset);
          if (len != 4) yield malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "ORIGINATOR_ID length " + len);
          yield Result.ok(new OriginatorId((Inet4Address) NlriCodec.readAddress(v, 4)));
        }
        case CLUSTER_LIST -> {
          if (!opts.internalPeer()) yield discardExternal(type, whole, offset);
          if (len == 0 || len % 4 != 0) {
            yield malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "CLUSTER_LIST length " + len);
          }
          List<Inet4Address> ids = new ArrayList<>();
          while (v.hasRemaining()) ids.add((Inet4Address) NlriCodec.readAddress(v, 4));
          yield Result.ok(new ClusterList(ids));
        }
        case PMSI_TUNNEL -> {
          // RFC 6514 §5: flags, tunnel type, 3-octet label, then an identifier of at least nothing.
          if (len < 5) yield malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, "PMSI_TUNNEL length " + len);
          int f = v.get() & 0xff;
          int t = v.get() & 0xff;
          int label = (v.get() & 0xff) << 16 | (v.get() & 0xff) << 8 | (v.get() & 0xff);
          byte[] id = new byte[v.remaining()];
          v.get(id);
          yield Result.ok(new PmsiTunnel(f, t, label, Bytes.of(id)));
        }
        case MP_REACH_NLRI -> decodeMpReach(v, whole, offset);
        case MP_UNREACH_NLRI -> decodeMpUnreach(v, whole, offset);
        default -> throw new IllegalStateException("unreachable");
      };
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return malformed(type, ErrorCode.ATTRIBUTE_LENGTH_ERROR, whole, offset, e.getMessage());
    }
  }

  private static Result unknown(int flags, int type, ByteBuffer v, Bytes whole, int offset) {
    if ((flags & FLAG_OPTIONAL) == 0) {
      // RFC 4271 §6.3; RFC 7606 leaves unrecognised well-known attributes a session reset.
      return new Result(null, ErrorHandling.SESSION_RESET,
          err(ErrorCode.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, whole, offset, "unrecognised well-known attribute " + type));
    }
    byte[] value = new byte[v.remaining()];
    v.get(value);
    if ((flags & FLAG_TRANSITIVE) == 0) {
      return new Result(null, null, null); // RFC 4271 §5: an unrecognised optional non-transitive attribute is quietly ignored
    }
    return Result.ok(new UnknownAttribute(flags, type, Bytes.of(value)));
  }

  private static Result discardExternal(int type, Bytes whole, int offset) {
    return new Result(null, ErrorHandling.ATTRIBUTE_DISCARD,
        err(ErrorCode.MALFORMED_ATTRIBUTE_LIST, whole, offset, "attribute " + type + " from an external peer"));
  }

  static Result malformed(int type, int subcode, Bytes whole, int offset, String reason) {
    return new Result(null, onMalformed(type), err(subcode, whole, offset, reason));
  }

  private static DecodeError err(int subcode, Bytes whole, int offset, String reason) {
    return new DecodeError(ErrorCode.UPDATE_MESSAGE_ERROR, subcode, offset, whole, reason);
  }

  private static Result decodeAsPath(ByteBuffer v, Bytes whole, int offset, boolean four) {
    List<AsPath.Segment> segments = new ArrayList<>();
    while (v.hasRemaining()) {
      int t = v.get() & 0xff;
      int n = v.get() & 0xff;
      if (t < AsPath.AS_SET || t > AsPath.AS_CONFED_SET || n == 0 || v.remaining() < n * (four ? 4 : 2)) {
        return malformed(AS_PATH, ErrorCode.MALFORMED_AS_PATH, whole, offset, "bad AS_PATH segment type " + t + " count " + n);
      }
      List<Long> asns = new ArrayList<>(n);
      for (int i = 0; i < n; i++) asns.add(four ? v.getInt() & 0xffffffffL : v.getShort() & 0xffff);
      segments.add(new AsPath.Segment(t, asns));
    }
    return Result.ok(new AsPath(segments));
  }

  /** RFC 4760 §3 with next hop lengths per family (RFC 4364 §4.3.2, RFC 4659 §3.2.1, RFC 8950, RFC 7432 §7.x). */
  private static Result decodeMpReach(ByteBuffer v, Bytes whole, int offset) {
    Family family = new Family(v.getShort() & 0xffff, v.get() & 0xff);
    int nhLen = v.get() & 0xff;
    if (!supported(family)) {
      return new Result(null, ErrorHandling.ATTRIBUTE_DISCARD,
          err(ErrorCode.OPTIONAL_ATTRIBUTE_ERROR, whole, offset, "MP_REACH_NLRI of unsupported family " + family));
    }
    boolean vpn = family.isVpn();
    List<Integer> widths = switch (nhLen) {
      case 4 -> vpn ? null : List.of(4);
      case 12 -> vpn ? List.of(4) : null;
      case 16 -> vpn ? null : List.of(16);
      case 24 -> vpn ? List.of(16) : null;
      case 32 -> vpn ? null : List.of(16, 16);
      case 48 -> vpn ? List.of(16, 16) : null;
      default -> null;
    };
    if (widths == null || (family.afi() == Family.AFI_IPV6 && widths.getFirst() == 4)) {
      return malformed(MP_REACH_NLRI, ErrorCode.OPTIONAL_ATTRIBUTE_ERROR, whole, offset,
          "next hop length " + nhLen + " for " + family);
    }
    List<InetAddress> nextHops = new ArrayList<>();
    for (int w : widths) {
      if (vpn) v.position(v.position() + 8); // the all-zero RD before a VPN next hop
      nextHops.add(NlriCodec.readAddress(v, w));
    }
    v.get(); // reserved (RFC 4760 §3: ignored on receipt)
    int nlriOffset = offset + (whole.length() - v.remaining());
    try {
      return Result.ok(new MpReachNlri(family, nextHops, NlriCodec.decodeAll(family, v, nlriOffset, false)));
    } catch (WireException e) {
      return new Result(null, ErrorHandling.SESSION_RESET, e.error);
    }
  }

  private static Result decodeMpUnreach(ByteBuffer v, Bytes whole, int offset) {
    Family family = new Family(v.getShort() & 0xffff, v.get() & 0xff);
    if (!supported(family)) {
      return new Result(null, ErrorHandling.ATTRIBUTE_DISCARD,
          err(ErrorCode.OPTIONAL_ATTRIBUTE_ERROR, whole, offset, "MP_UNREACH_NLRI of unsupported family " + family));
    }
    int nlriOffset = offset + (whole.length() - v.remaining());
    try {
      return Result.ok(new MpUnreachNlri(family, NlriCodec.decodeAll(family, v, nlriOffset, true)));
    } catch (WireException e) {
      return new Result(null, ErrorHandling.SESSION_RESET, e.error);
    }
  }

  static boolean supported(Family f) {
    return f.equals(Family.IPV4_UNICAST) || f.equals(Family.IPV6_UNICAST) || f.equals(Family.IPV4_VPN)
        || f.equals(Family.IPV6_VPN) || f.equals(Family.EVPN) || f.equals(Family.RT_CONSTRAINT);
  }

  // ---- encoding ----

  static void encode(PathAttribute a, WireOptions opts, ByteBuffer out) {
    int flags = switch (a) {
      case UnknownAttribute u -> u.flags();
      default -> expectedFlags(a.typeCode());
    };
    int start = out.position();
    // Reserve the 2-octet length form, then compact if the value turns out short.
    out.put((byte) 0).put((byte) a.typeCode()).putShort((short) 0);
    int valueStart = out.position();
    writeValue(a, opts, out);
    int len = out.position() - valueStart;
    // Canonical form: the extended length only when needed (as GoBGP writes; FRR and BIRD
    // always extend MP_REACH/MP_UNREACH, which decodes the same but is not canonical).
    if (len > 255) {
      out.put(start, (byte) (flags | FLAG_EXTENDED_LENGTH)).putShort(start + 2, (short) len);
    } else {
      out.put(start, (byte) flags).put(start + 2, (byte) len);
      System.arraycopy(out.array(), out.arrayOffset() + valueStart, out.array(), out.arrayOffset() + start + 3, len);
      out.position(start + 3 + len);
    }
  }

  private static void writeValue(PathAttribute a, WireOptions opts, ByteBuffer out) {
    switch (a) {
      case Origin o -> out.put((byte) o.ordinal());
      case AsPath p -> {
        for (AsPath.Segment s : p.segments()) {
          out.put((byte) s.type()).put((byte) s.asns().size());
          for (long as : s.asns()) {
            if (opts.fourOctetAs()) out.putInt((int) as);
            else out.putShort((short) (as > 0xffff ? AsPath.AS_TRANS : as));
          }
        }
      }
      case NextHop n -> out.put(n.address().getAddress());
      case MultiExitDisc m -> out.putInt((int) m.value());
      case LocalPref l -> out.putInt((int) l.value());
      case AtomicAggregate x -> { }
      case Aggregator g -> {
        if (opts.fourOctetAs()) out.putInt((int) g.as());
        else out.putShort((short) (g.as() > 0xffff ? AsPath.AS_TRANS : g.as()));
        out.put(g.address().getAddress());
      }
      case Communities c -> c.values().forEach(v -> out.putInt((int) (long) v));
      case ExtendedCommunities e -> e.communities().forEach(c -> out.putLong(ExtendedCommunityCodec.encodeLong(c)));
      case OriginatorId o -> out.put(o.id().getAddress());
      case ClusterList c -> c.clusterIds().forEach(id -> out.put(id.getAddress()));
      case PmsiTunnel t -> {
        out.put((byte) t.flags()).put((byte) t.tunnelType());
        out.put((byte) (t.labelField() >>> 16)).put((byte) (t.labelField() >>> 8)).put((byte) t.labelField());
        out.put(t.tunnelId().array());
      }
      case MpReachNlri r -> {
        out.putShort((short) r.family().afi()).put((byte) r.family().safi());
        int lenAt = out.position();
        out.put((byte) 0);
        for (InetAddress nh : r.nextHops()) {
          if (r.family().isVpn()) out.putLong(0);
          out.put(nh.getAddress());
        }
        out.put(lenAt, (byte) (out.position() - lenAt - 1));
        out.put((byte) 0);
        r.nlri().forEach(n -> NlriCodec.write(n, out));
      }
      case MpUnreachNlri u -> {
        out.putShort((short) u.family().afi()).put((byte) u.family().safi());
        u.withdrawn().forEach(n -> NlriCodec.write(n, out));
      }
      case UnknownAttribute u -> out.put(u.value().array());
    }
  }
}
