package io.weft.forwarder;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * A flow's identity: VRF id, protocol, addresses and ports (ICMP echo: the identifier in
 * both port fields). Addresses are 128-bit; IPv4 ones are IPv4-mapped (::ffff:a.b.c.d).
 */
public record FlowKey(int vrf, int protocol, long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort) {

  public static FlowKey of(int vrf, int protocol, InetAddress src, int srcPort, InetAddress dst, int dstPort) {
    return new FlowKey(vrf, protocol, hi(src), lo(src), hi(dst), lo(dst), srcPort, dstPort);
  }

  public FlowKey reversed() {
    return new FlowKey(vrf, protocol, dstHi, dstLo, srcHi, srcLo, dstPort, srcPort);
  }

  public InetAddress source() {
    return address(srcHi, srcLo);
  }

  public InetAddress destination() {
    return address(dstHi, dstLo);
  }

  @Override
  public int hashCode() {
    long h = srcLo * 0x9E3779B97F4A7C15L + dstLo;
    h = h * 0xC2B2AE3D27D4EB4FL + (srcHi ^ dstHi * 31);
    h = h * 0x9E3779B97F4A7C15L + ((long) srcPort << 16 | dstPort) + ((long) protocol << 32) + ((long) vrf << 40);
    h ^= h >>> 33; // murmur3 fmix64
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return (int) (h ^ h >>> 33);
  }

  @Override
  public String toString() {
    return "vrf " + vrf + " proto " + protocol + " " + source().getHostAddress() + ":" + srcPort + " -> "
        + destination().getHostAddress() + ":" + dstPort;
  }

  static long hi(InetAddress a) {
    return a instanceof Inet4Address ? 0 : ByteBuffer.wrap(a.getAddress()).getLong(0);
  }

  static long lo(InetAddress a) {
    return a instanceof Inet4Address ? 0x0000_ffff_0000_0000L | (ByteBuffer.wrap(a.getAddress()).getInt(0) & 0xffff_ffffL)
        : ByteBuffer.wrap(a.getAddress()).getLong(8);
  }

  static InetAddress address(long hi, long lo) {
    try {
      if (hi == 0 && (lo >>> 32) == 0xffff) return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(0, (int) lo).array());
      return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(0, hi).putLong(8, lo).array());
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
