package io.weft.forwarder;

import io.weft.forwarder.packet.Ethernet;
import io.weft.forwarder.packet.Icmp;
import io.weft.forwarder.packet.Ipv4;
import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.packet.Tcp;
import io.weft.forwarder.packet.Udp;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Builds test frames from the codec records. */
final class Frames {
  private Frames() {}

  static Inet4Address v4(String s) {
    return (Inet4Address) InetAddress.ofLiteral(s);
  }

  static byte[] udp(MacAddress dst, MacAddress src, String s, String d, int sport, int dport, byte[] payload) {
    byte[] l4 = new Udp(sport, dport, payload).encode(v4(s), v4(d));
    return Ethernet.untagged(dst, src, Ethernet.ETHERTYPE_IPV4, Ipv4.of(Ipv4.PROTO_UDP, v4(s), v4(d), l4).encode()).encode();
  }

  static byte[] tcp(MacAddress dst, MacAddress src, String s, String d, int sport, int dport, int flags) {
    byte[] l4 = Tcp.of(sport, dport, flags, new byte[0]).encode(v4(s), v4(d));
    return Ethernet.untagged(dst, src, Ethernet.ETHERTYPE_IPV4, Ipv4.of(Ipv4.PROTO_TCP, v4(s), v4(d), l4).encode()).encode();
  }

  static byte[] ping(MacAddress dst, MacAddress src, String s, String d, int id) {
    byte[] l4 = Icmp.echo(Icmp.ECHO_REQUEST, id, 1, new byte[8]).encode();
    return Ethernet.untagged(dst, src, Ethernet.ETHERTYPE_IPV4, Ipv4.of(Ipv4.PROTO_ICMP, v4(s), v4(d), l4).encode()).encode();
  }

  static Ethernet eth(byte[] frame) {
    return Ethernet.decode(ByteBuffer.wrap(frame)).orElseThrow();
  }

  static Ipv4 ip(byte[] frame) {
    return Ipv4.decode(ByteBuffer.wrap(eth(frame).payload())).orElseThrow();
  }
}
