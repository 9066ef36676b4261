package io.weft.forwarder.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** ARP for IPv4 over Ethernet (RFC 826): 28 bytes, htype 1, ptype 0x0800, hlen 6, plen 4. */
public record Arp(int operation, MacAddress senderHardware, Inet4Address senderProtocol,
    MacAddress targetHardware, Inet4Address targetProtocol) {
  public static final int REQUEST = 1;
  public static final int REPLY = 2;
  public static final int LENGTH = 28;

  public static Decoded<Arp> decode(ByteBuffer buf) {
    int b = buf.position();
    if (buf.remaining() < LENGTH) return Decoded.malformed("arp", "length", 0, buf.remaining() + " bytes");
    if (buf.getShort(b) != 1) return Decoded.malformed("arp", "htype", 0, "not Ethernet");
    if ((buf.getShort(b + 2) & 0xffff) != Ethernet.ETHERTYPE_IPV4) return Decoded.malformed("arp", "ptype", 2, "not IPv4");
    if (buf.get(b + 4) != 6 || buf.get(b + 5) != 4) return Decoded.malformed("arp", "hlen/plen", 4, "not 6/4");
    return Decoded.ok(new Arp(buf.getShort(b + 6) & 0xffff, new MacAddress(MacAddress.read(buf, b + 8)),
        ipv4(buf.getInt(b + 14)), new MacAddress(MacAddress.read(buf, b + 18)), ipv4(buf.getInt(b + 24))));
  }

  public byte[] encode() {
    ByteBuffer buf = ByteBuffer.allocate(LENGTH);
    buf.putShort(0, (short) 1).putShort(2, (short) Ethernet.ETHERTYPE_IPV4).put(4, (byte) 6).put(5, (byte) 4);
    buf.putShort(6, (short) operation);
    MacAddress.write(buf, 8, senderHardware.bits());
    buf.put(14, senderProtocol.getAddress());
    MacAddress.write(buf, 18, targetHardware.bits());
    buf.put(24, targetProtocol.getAddress());
    return buf.array();
  }

  /** The reply a proxy gives to this request, claiming {@code mac} for the target address. */
  public Arp replyWith(MacAddress mac) {
    return new Arp(REPLY, mac, targetProtocol, senderHardware, senderProtocol);
  }

  static Inet4Address ipv4(int bits) {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {
          (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
