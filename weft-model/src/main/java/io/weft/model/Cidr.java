package io.weft.model;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 prefix such as {@code 10.1.1.0/24} or {@code fd00::/64}. Host bits must be
 * zero, so a typo like {@code 10.1.1.5/24} is caught rather than silently widened.
 */
public record Cidr(InetAddress network, int prefixLength) {

  /** Parses {@code text}; throws IllegalArgumentException with a message fit for a user. */
  public static Cidr parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("is required");
    int slash = text.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("'" + text + "' is not a CIDR: expected address/prefix-length");
    InetAddress address = IpAddresses.parse(text.substring(0, slash));
    int max = address.getAddress().length * 8;
    int length;
    try {
      length = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has a prefix length that is not a number");
    }
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("'" + text + "' has prefix length " + length + ", allowed 0.." + max);
    }
    Cidr cidr = new Cidr(IpAddresses.mask(address, length), length);
    if (!cidr.network.equals(address)) {
      throw new IllegalArgumentException("'" + text + "' has host bits set; did you mean " + cidr + "?");
    }
    return cidr;
  }

  public boolean isIpv6() {
    return network.getAddress().length == 16;
  }

  public boolean contains(InetAddress address) {
    return address.getAddress().length == network.getAddress().length
        && IpAddresses.mask(address, prefixLength).equals(network);
  }

  public boolean overlaps(Cidr other) {
    return isIpv6() == other.isIpv6()
        && (prefixLength <= other.prefixLength ? contains(other.network) : other.contains(network));
  }

  /** Number of addresses in the prefix. */
  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(network.getAddress().length * 8 - prefixLength);
  }

  /** The address at {@code offset} from the network address (offset 1 = first host). */
  public InetAddress addressAt(BigInteger offset) {
    return IpAddresses.add(network, offset);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
