package io.weft.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Literal IP address parsing and arithmetic; never touches DNS. */
public final class IpAddresses {
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private IpAddresses() {}

  /** Parses an IPv4 or IPv6 literal; throws IllegalArgumentException naming the text. */
  public static InetAddress parse(String text) {
    // InetAddress.ofLiteral also takes the BSD forms "10.1.1" and "10.257"; a spec means dotted quads.
    if (text == null || (text.indexOf(':') < 0 && !DOTTED_QUAD.matcher(text).matches())) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }
    try {
      return InetAddress.ofLiteral(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }
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
