package io.weft.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Literal IP address parsing and arithmetic; never touches DNS. */
public final class IpAddresses {

  private IpAddresses() {}

  /** Parses an IPv4 or IPv6 literal; throws IllegalArgumentException naming the text. */
  public static InetAddress parse(String text) {
    // InetAddress.ofLiteral also takes the BSD forms "10.1.1" and "10.257"; a spec means dotted quads.
    if (text == null || (text.indexOf(':') < 0 && !isDottedQuad(text))) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }
    try {
      return InetAddress.ofLiteral(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }
  }

  /** Four groups of one to three ASCII digits separated by dots (the range is InetAddress's to check). */
  private static boolean isDottedQuad(String text) {
    int groups = 0;
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 3) return false;
      } else if (c == '.' && digits > 0 && groups < 3) {
        groups++;
        digits = 0;
      } else {
        return false;
      }
    }
    return groups == 3 && digits > 0;
  }

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static InetAddress mask(InetAddress address, int prefixLength) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefixLength - i * 8));
      bytes[i] &= (byte) (0xff << (8 - bitsHere));
    }
    return of(bytes);
  }

  public static BigInteger toBigInteger(InetAddress address) {
    return new BigInteger(1, address.getAddress());
  }

  public static InetAddress add(InetAddress base, BigInteger offset) {
    int len = base.getAddress().length;
    byte[] raw = toBigInteger(base).add(offset).toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    return of(out);
  }

  private static InetAddress of(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of length " + bytes.length, e);
    }
  }
}
