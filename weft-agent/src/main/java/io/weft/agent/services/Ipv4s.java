package io.weft.agent.services;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as ints, the form the service codecs use on the wire. */
public final class Ipv4s {
  private Ipv4s() {}

  public static int parse(String dotted) {
    String[] p = dotted.split("\\.");
    if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    int v = 0;
    for (String s : p) {
      int o = Integer.parseInt(s);
      if (o < 0 || o > 255) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      v = (v << 8) | o;
    }
    return v;
  }

  public static boolean isIpv4(String text) {
    try {
      parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  public static String format(int v) {
    return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
  }

  public static int mask(int prefixLength) {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  public static Inet4Address toInet(int v) {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
