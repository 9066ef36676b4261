package io.weft.forwarder;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An IPv4 or IPv6 prefix such as {@code 10.1.1.0/24}; host bits must be zero. */
public record IpPrefix(InetAddress address, int length) {
  public IpPrefix {
    int max = address instanceof Inet4Address ? 32 : 128;
    if (length < 0 || length > max) throw new IllegalArgumentException("prefix length " + length);
    byte[] a = address.getAddress();
    for (int bit = length; bit < max; bit++) {
      if ((a[bit / 8] & (0x80 >>> (bit % 8))) != 0) throw new IllegalArgumentException("host bits set in " + address.getHostAddress() + "/" + length);
    }
  }

  public static IpPrefix parse(String cidr) {
    int slash = cidr.indexOf('/');
    InetAddress a = InetAddress.ofLiteral(slash < 0 ? cidr : cidr.substring(0, slash));
    int len = slash < 0 ? (a instanceof Inet4Address ? 32 : 128) : Integer.parseInt(cidr.substring(slash + 1));
    return new IpPrefix(a, len);
  }

  public static IpPrefix host(InetAddress a) {
    return new IpPrefix(a, a instanceof Inet4Address ? 32 : 128);
  }

  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + length;
  }
}
