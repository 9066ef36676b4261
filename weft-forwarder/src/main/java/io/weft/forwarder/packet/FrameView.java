package io.weft.forwarder.packet;

import java.nio.ByteBuffer;

/**
 * A reusable, allocation-free view of one frame's headers for the packet loop: it records
 * offsets and the fields the pipeline needs (MACs, VLAN, addresses, ports, TCP flags)
 * without copying the frame. One instance per packet-loop thread; not thread-safe.
 *
 * <p>IPv4 addresses are held as IPv4-mapped IPv6 (RFC 4291 §2.5.5.2) in two longs, so one
 * flow key and one trie serve both families. Checksums are not verified here (the receiving
 * stack does; the original vRouter does not either); lengths always are.
 */
public final class FrameView {
  /** Parse outcomes; anything but OK names what was malformed. */
  public static final int OK = 0;
  public static final int TRUNCATED_L2 = 1;
  public static final int TRUNCATED_L3 = 2;
  public static final int BAD_IP_HEADER = 3;
  public static final int TRUNCATED_L4 = 4;

  public static final long V4_MAPPED_HI = 0;
  public static final long V4_MAPPED_LO_PREFIX = 0x0000_ffff_0000_0000L;

  public ByteBuffer buf;
  public int start;
  public int end;
  public long dstMac;
  public long srcMac;
  public int vlanTci;
  public int etherType;
  public int l3;
  /** 4, 6, or 0 when the frame carries no IP. */
  public int ipVersion;
  public int ipTotalLength;
  public int protocol;
  public int ttl;
  public long srcHi;
  public long srcLo;
  public long dstHi;
  public long dstLo;
  public int l4;
  public int srcPort;
  public int dstPort;
  public int tcpFlags;
  public int icmpType;
  public boolean fragment;

  /** Parses an Ethernet frame occupying {@code [start, end)} of {@code buf}. */
  public int parseEthernet(ByteBuffer buf, int start, int end) {
    this.buf = buf;
    this.start = start;
    this.end = end;
    ipVersion = 0;
    if (end - start < Ethernet.HEADER_LENGTH) return TRUNCATED_L2;
    dstMac = MacAddress.read(buf, start);
    srcMac = MacAddress.read(buf, start + 6);
    int type = buf.getShort(start + 12) & 0xffff;
    int at = start + Ethernet.HEADER_LENGTH;
    vlanTci = Ethernet.UNTAGGED;
    if (type == Ethernet.ETHERTYPE_VLAN) {
      if (end - start < Ethernet.HEADER_LENGTH + Ethernet.VLAN_TAG_LENGTH) return TRUNCATED_L2;
      vlanTci = buf.getShort(start + 14) & 0xffff;
      type = buf.getShort(start + 16) & 0xffff;
      at += Ethernet.VLAN_TAG_LENGTH;
    }
    etherType = type;
    l3 = at;
    return switch (type) {
      case Ethernet.ETHERTYPE_IPV4 -> parseIpv4(at);
      case Ethernet.ETHERTYPE_IPV6 -> parseIpv6(at);
      case Ethernet.ETHERTYPE_ARP -> end - at < Arp.LENGTH ? TRUNCATED_L3 : OK;
      default -> OK;
    };
  }

  /** Parses a bare IP packet (an MPLS L3 payload) occupying {@code [start, end)}. */
  public int parseIp(ByteBuffer buf, int start, int end) {
    this.buf = buf;
    this.start = start;
    this.end = end;
    ipVersion = 0;
    vlanTci = Ethernet.UNTAGGED;
    l3 = start;
    if (end - start < 1) return TRUNCATED_L3;
    return switch ((buf.get(start) & 0xf0) >>> 4) {
      case 4 -> { etherType = Ethernet.ETHERTYPE_IPV4; yield parseIpv4(start); }
      case 6 -> { etherType = Ethernet.ETHERTYPE_IPV6; yield parseIpv6(start); }
      default -> BAD_IP_HEADER;
    };
  }

  private int parseIpv4(int at) {
    if (end - at < Ipv4.MIN_HEADER) return TRUNCATED_L3;
    int vihl = buf.get(at) & 0xff;
    int ihl = (vihl & 0xf) * 4;
    if (vihl >>> 4 != 4 || ihl < Ipv4.MIN_HEADER) return BAD_IP_HEADER;
    int total = buf.getShort(at + 2) & 0xffff;
    if (total < ihl || at + total > end) return BAD_IP_HEADER;
    ipVersion = 4;
    ipTotalLength = total;
    ttl = buf.get(at + 8) & 0xff;
    protocol = buf.get(at + 9) & 0xff;
    srcHi = V4_MAPPED_HI;
    srcLo = V4_MAPPED_LO_PREFIX | (buf.getInt(at + 12) & 0xffff_ffffL);
    dstHi = V4_MAPPED_HI;
    dstLo = V4_MAPPED_LO_PREFIX | (buf.getInt(at + 16) & 0xffff_ffffL);
    int frag = buf.getShort(at + 6) & 0x3fff;
    fragment = frag != 0;
    l4 = at + ihl;
    // Only the first fragment carries ports; later ones are keyed with ports zero.
    return (frag & 0x1fff) != 0 ? noPorts() : parseL4(at + total);
  }

  private int parseIpv6(int at) {
    if (end - at < Ipv6.HEADER) return TRUNCATED_L3;
    if ((buf.get(at) & 0xf0) != 0x60) return BAD_IP_HEADER;
    int plen = buf.getShort(at + 4) & 0xffff;
    if (at + Ipv6.HEADER + plen > end) return BAD_IP_HEADER;
    ipVersion = 6;
    ipTotalLength = Ipv6.HEADER + plen;
    protocol = buf.get(at + 6) & 0xff;
    ttl = buf.get(at + 7) & 0xff;
    srcHi = buf.getLong(at + 8);
    srcLo = buf.getLong(at + 16);
    dstHi = buf.getLong(at + 24);
    dstLo = buf.getLong(at + 32);
    fragment = false;
    l4 = at + Ipv6.HEADER;
    return parseL4(at + ipTotalLength);
  }

  private int noPorts() {
    srcPort = 0;
    dstPort = 0;
    tcpFlags = 0;
    icmpType = -1;
    return OK;
  }

  private int parseL4(int ipEnd) {
    noPorts();
    int avail = ipEnd - l4;
    switch (protocol) {
      case Ipv4.PROTO_TCP -> {
        if (avail < Tcp.MIN_HEADER) return TRUNCATED_L4;
        srcPort = buf.getShort(l4) & 0xffff;
        dstPort = buf.getShort(l4 + 2) & 0xffff;
        tcpFlags = buf.get(l4 + 13) & 0x3f;
      }
      case Ipv4.PROTO_UDP -> {
        if (avail < Udp.HEADER) return TRUNCATED_L4;
        srcPort = buf.getShort(l4) & 0xffff;
        dstPort = buf.getShort(l4 + 2) & 0xffff;
      }
      case Ipv4.PROTO_ICMP, Ipv4.PROTO_ICMPV6 -> {
        if (avail < 8) return avail < 4 ? TRUNCATED_L4 : OK;
        icmpType = buf.get(l4) & 0xff;
        // Echo request and reply share the identifier, so both directions of a ping key alike.
        if (icmpType == Icmp.ECHO_REQUEST || icmpType == Icmp.ECHO_REPLY
            || icmpType == Icmpv6.ECHO_REQUEST || icmpType == Icmpv6.ECHO_REPLY) {
          srcPort = buf.getShort(l4 + 4) & 0xffff;
          dstPort = srcPort;
        }
      }
      default -> { }
    }
    return OK;
  }

  public int length() {
    return end - start;
  }
}
