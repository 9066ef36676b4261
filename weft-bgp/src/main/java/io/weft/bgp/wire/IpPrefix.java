package io.weft.bgp.wire;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 prefix, RFC 4271 §4.3: a length in bits then the fewest octets that
 * hold it. Bits past the length are kept as received so re-encoding is byte-identical.
 */
public record IpPrefix(InetAddress address, int length) implements Nlri {
  public IpPrefix {
    int max = address instanceof Inet4Address ? 32 : 128;
    if (length < 0 || length > max) throw new IllegalArgumentException("prefix length " + length);
  }

  public static IpPrefix parse(String cidr) {
    int slash = cidr.indexOf('/');
    InetAddress a = Addresses.parse(cidr.substring(0, slash));
    return new IpPrefix(a, Integer.parseInt(cidr.substring(slash + 1)));
  }

  public boolean isIpv4() {
    return address instanceof Inet4Address;
  }

  // Written out: the generated ones go through method handles, and prefixes are hashed per table per neighbour.
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof IpPrefix p && p.length == length && p.address.equals(address));
  }

  @Override
  public int hashCode() {
    return 31 * address.hashCode() + length;
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + length;
  }
}
