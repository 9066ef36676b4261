package io.weft.bgp.wire;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the NLRI of each family. A syntax error is an UPDATE Message Error /
 * Invalid Network Field (RFC 4271 §6.3), which RFC 7606 §5.3 handles by session reset.
 */
public final class NlriCodec {
  private NlriCodec() {}

  /**
   * Decodes every NLRI in {@code in} (position to limit). {@code base} is the offset of
   * {@code in}'s position within the message, for error reporting.
   */
  static List<Nlri> decodeAll(Family family, ByteBuffer in, int base, boolean withdraw) {
    List<Nlri> out = new ArrayList<>();
    int start = in.position();
    while (in.hasRemaining()) {
      int at = base + in.position() - start;
      try {
        out.add(decodeOne(family, in, withdraw));
      } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
        throw invalid(at, "truncated or invalid " + family + " NLRI: " + e.getMessage());
      }
    }
    return out;
  }

  private static WireException invalid(int at, String reason) {
    return new WireException(ErrorCode.UPDATE_MESSAGE_ERROR, ErrorCode.INVALID_NETWORK_FIELD, at, Bytes.EMPTY, reason);
  }

  static Nlri decodeOne(Family family, ByteBuffer in, boolean withdraw) {
    if (family.equals(Family.IPV4_UNICAST)) return readPrefix(in, in.get() & 0xff, 4);
    if (family.equals(Family.IPV6_UNICAST)) return readPrefix(in, in.get() & 0xff, 16);
    if (family.equals(Family.IPV4_VPN)) return readVpn(in, 4, withdraw);
    if (family.equals(Family.IPV6_VPN)) return readVpn(in, 16, withdraw);
    if (family.equals(Family.EVPN)) return readEvpn(in);
    if (family.equals(Family.RT_CONSTRAINT)) return readRtc(in);
    throw new IllegalArgumentException("unsupported family " + family);
  }

  static IpPrefix readPrefix(ByteBuffer in, int bits, int width) {
    if (bits > width * 8) throw new IllegalArgumentException("prefix length " + bits);
    byte[] a = new byte[width];
    in.get(a, 0, (bits + 7) / 8);
    return new IpPrefix(Addresses.of(a), bits);
  }

  private static VpnPrefix readVpn(ByteBuffer in, int width, boolean withdraw) {
    int bits = in.get() & 0xff;
    int[] labels = new int[1];
    int count = 0;
    while (true) {
      if (bits < 24) throw new IllegalArgumentException("VPN NLRI too short for its label stack");
      int raw = ((in.get() & 0xff) << 16) | ((in.get() & 0xff) << 8) | (in.get() & 0xff);
      bits -= 24;
      if (count == labels.length) labels = java.util.Arrays.copyOf(labels, count * 2);
      labels[count++] = raw >>> 4;
      // RFC 8277 §2.4: 0x800000 (and, from RFC 3107 speakers, 0) stands for the whole stack in a withdrawal.
      if ((raw & 1) != 0 || raw == 0x800000 || (withdraw && raw == 0)) break;
    }
    if (bits < 64) throw new IllegalArgumentException("VPN NLRI too short for a route distinguisher");
    RouteDistinguisher rd = RouteDistinguisher.read(in);
    int length = bits - 64;
    if (length > width * 8) throw new IllegalArgumentException("prefix length " + length);
    byte[] a = new byte[width];
    in.get(a, 0, (length + 7) / 8);
    return new VpnPrefix(rd, count == labels.length ? labels : java.util.Arrays.copyOf(labels, count), a, length);
  }

  private static EvpnRoute readEvpn(ByteBuffer in) {
    int type = in.get() & 0xff;
    int len = in.get() & 0xff;
    ByteBuffer b = in.slice(in.position(), len);
    in.position(in.position() + len);
    EvpnRoute r = switch (type) {
      case EvpnRoute.MAC_IP_ADVERTISEMENT -> {
        RouteDistinguisher rd = RouteDistinguisher.read(b);
        Esi esi = readEsi(b);
        long tag = b.getInt() & 0xffffffffL;
        if ((b.get() & 0xff) != 48) throw new IllegalArgumentException("MAC length not 48");
        MacAddress mac = MacAddress.read(b);
        InetAddress ip = readEvpnIp(b, b.get() & 0xff, true);
        List<Integer> labels = new ArrayList<>();
        labels.add(read24(b));
        if (b.remaining() >= 3) labels.add(read24(b));
        yield new EvpnMacIpRoute(rd, esi, tag, mac, ip, labels);
      }
      case EvpnRoute.INCLUSIVE_MULTICAST_ETHERNET_TAG -> {
        RouteDistinguisher rd = RouteDistinguisher.read(b);
        long tag = b.getInt() & 0xffffffffL;
        yield new EvpnInclusiveMulticastRoute(rd, tag, readEvpnIp(b, b.get() & 0xff, false));
      }
      case EvpnRoute.IP_PREFIX -> {
        if (len != 34 && len != 58) throw new IllegalArgumentException("type-5 length " + len);
        int width = len == 34 ? 4 : 16;
        RouteDistinguisher rd = RouteDistinguisher.read(b);
        Esi esi = readEsi(b);
        long tag = b.getInt() & 0xffffffffL;
        int bits = b.get() & 0xff;
        byte[] p = new byte[width];
        b.get(p);
        if (bits > width * 8) throw new IllegalArgumentException("prefix length " + bits);
        byte[] g = new byte[width];
        b.get(g);
        yield new EvpnIpPrefixRoute(rd, esi, tag, new IpPrefix(Addresses.of(p), bits), Addresses.of(g), read24(b));
      }
      default -> new EvpnOtherRoute(type, Bytes.of(readAll(b)));
    };
    if (b.hasRemaining()) throw new IllegalArgumentException("EVPN route type " + type + " has trailing octets");
    return r;
  }

  private static RouteTargetMembership readRtc(ByteBuffer in) {
    int bits = in.get() & 0xff;
    if (bits == 0) return RouteTargetMembership.DEFAULT;
    if (bits < 32 || bits > 96) throw new IllegalArgumentException("RT membership length " + bits);
    long as = in.getInt() & 0xffffffffL;
    byte[] rt = new byte[(bits - 32 + 7) / 8];
    in.get(rt);
    return new RouteTargetMembership(bits, as, Bytes.of(rt));
  }

  private static Esi readEsi(ByteBuffer b) {
    byte[] e = new byte[10];
    b.get(e);
    return new Esi(Bytes.of(e));
  }

  private static InetAddress readEvpnIp(ByteBuffer b, int bits, boolean zeroAllowed) {
    return switch (bits) {
      case 0 -> {
        if (!zeroAllowed) throw new IllegalArgumentException("IP length 0");
        yield null;
      }
      case 32 -> readAddress(b, 4);
      case 128 -> readAddress(b, 16);
      default -> throw new IllegalArgumentException("IP length " + bits);
    };
  }

  static InetAddress readAddress(ByteBuffer b, int width) {
    byte[] a = new byte[width];
    b.get(a);
    return Addresses.of(a);
  }

  private static int read24(ByteBuffer b) {
    return ((b.get() & 0xff) << 16) | ((b.get() & 0xff) << 8) | (b.get() & 0xff);
  }

  private static byte[] readAll(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }

  // ---- encoding ----

  /** The encoded size of one NLRI. */
  public static int size(Nlri n) {
    return switch (n) {
      case IpPrefix p -> 1 + (p.length() + 7) / 8;
      case VpnPrefix v -> 1 + 3 * v.labelCount() + 8 + (v.prefixLength() + 7) / 8;
      case EvpnRoute e -> 2 + evpnBodySize(e);
      case RouteTargetMembership r -> r.length() == 0 ? 1 : 5 + r.routeTarget().length();
    };
  }

  private static int evpnBodySize(EvpnRoute e) {
    return switch (e) {
      case EvpnMacIpRoute m -> 8 + 10 + 4 + 1 + 6 + 1 + (m.ip() == null ? 0 : m.ip().getAddress().length)
          + 3 * m.labels().size();
      case EvpnInclusiveMulticastRoute i -> 8 + 4 + 1 + i.originatorIp().getAddress().length;
      case EvpnIpPrefixRoute p -> p.prefix().isIpv4() ? 34 : 58;
      case EvpnOtherRoute o -> o.body().length();
    };
  }

  public static void write(Nlri n, ByteBuffer out) {
    switch (n) {
      case IpPrefix p -> writePrefix(p, out);
      case VpnPrefix v -> {
        int labels = v.labelCount();
        out.put((byte) (24 * labels + 64 + v.prefixLength()));
        for (int i = 0; i < labels; i++) {
          int label = v.label(i);
          boolean last = i == labels - 1;
          int raw = (label << 4) | (last && label != VpnPrefix.WITHDRAW_LABEL ? 1 : 0);
          write24(raw, out);
        }
        v.rd().write(out);
        v.writeAddress(out);
      }
      case EvpnRoute e -> {
        out.put((byte) e.routeType()).put((byte) evpnBodySize(e));
        writeEvpnBody(e, out);
      }
      case RouteTargetMembership r -> {
        out.put((byte) r.length());
        if (r.length() > 0) out.putInt((int) r.originAs()).put(r.routeTarget().array());
      }
    }
  }

  private static void writePrefix(IpPrefix p, ByteBuffer out) {
    out.put((byte) p.length());
    out.put(p.address().getAddress(), 0, (p.length() + 7) / 8);
  }

  private static void writeEvpnBody(EvpnRoute e, ByteBuffer out) {
    switch (e) {
      case EvpnMacIpRoute m -> {
        m.rd().write(out);
        out.put(m.esi().value().array()).putInt((int) m.ethernetTag()).put((byte) 48);
        m.mac().write(out);
        if (m.ip() == null) {
          out.put((byte) 0);
        } else {
          byte[] a = m.ip().getAddress();
          out.put((byte) (a.length * 8)).put(a);
        }
        for (int l : m.labels()) write24(l, out);
      }
      case EvpnInclusiveMulticastRoute i -> {
        i.rd().write(out);
        byte[] a = i.originatorIp().getAddress();
        out.putInt((int) i.ethernetTag()).put((byte) (a.length * 8)).put(a);
      }
      case EvpnIpPrefixRoute p -> {
        p.rd().write(out);
        out.put(p.esi().value().array()).putInt((int) p.ethernetTag()).put((byte) p.prefix().length())
            .put(p.prefix().address().getAddress()).put(p.gateway().getAddress());
        write24(p.label(), out);
      }
      case EvpnOtherRoute o -> out.put(o.body().array());
    }
  }

  private static void write24(int v, ByteBuffer out) {
    out.put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
  }
}
