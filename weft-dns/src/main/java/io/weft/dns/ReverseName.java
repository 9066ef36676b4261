package io.weft.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The names PTR queries ask for: {@code d.c.b.a.in-addr.arpa} for IPv4 a.b.c.d (RFC 1035
 * §3.5) and 32 reversed hex nibbles under {@code ip6.arpa} for IPv6 (RFC 3596 §2.5).
 */
public final class ReverseName {
  public static final String IN_ADDR_ARPA = "in-addr.arpa";
  public static final String IP6_ARPA = "ip6.arpa";

  private ReverseName() {}

  /** The reverse name of {@code address}. */
  public static String of(InetAddress address) {
    byte[] a = address.getAddress();
    StringBuilder sb = new StringBuilder();
    if (a.length == 4) {
      for (int i = 3; i >= 0; i--) sb.append(a[i] & 0xff).append('.');
      return sb.append(IN_ADDR_ARPA).toString();
    }
    for (int i = 15; i >= 0; i--) {
      sb.append(Character.forDigit(a[i] & 0xf, 16)).append('.').append(Character.forDigit((a[i] >> 4) & 0xf, 16)).append('.');
    }
    return sb.append(IP6_ARPA).toString();
  }

  /** The address a complete reverse name stands for; empty for any other name (a partial one, a zone apex). */
  public static Optional<InetAddress> parse(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    try {
      if (n.endsWith("." + IN_ADDR_ARPA)) return ipv4(n.substring(0, n.length() - IN_ADDR_ARPA.length() - 1).split("\\.", -1));
      if (n.endsWith("." + IP6_ARPA)) return ipv6(n.substring(0, n.length() - IP6_ARPA.length() - 1).split("\\.", -1));
    } catch (NumberFormatException | UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether {@code name} is in a reverse zone at all (so it is not a port name). */
  public static boolean isReverse(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals(IN_ADDR_ARPA) || n.endsWith("." + IN_ADDR_ARPA) || n.equals(IP6_ARPA) || n.endsWith("." + IP6_ARPA);
  }

  private static Optional<InetAddress> ipv4(String[] octets) throws UnknownHostException {
    if (octets.length != 4) return Optional.empty();
    byte[] a = new byte[4];
    for (int i = 0; i < 4; i++) {
      String o = octets[3 - i];
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) return Optional.empty();
      int v = Integer.parseInt(o);
      if (v > 255 || (o.length() > 1 && o.charAt(0) == '0')) return Optional.empty();
      a[i] = (byte) v;
    }
    return Optional.of(InetAddress.getByAddress(a));
  }

  private static Optional<InetAddress> ipv6(String[] nibbles) throws UnknownHostException {
    if (nibbles.length != 32) return Optional.empty();
    byte[] a = new byte[16];
    for (int i = 0; i < 32; i++) {
      String s = nibbles[31 - i];
      if (s.length() != 1 || Character.digit(s.charAt(0), 16) < 0) return Optional.empty();
      int v = Character.digit(s.charAt(0), 16);
      a[i / 2] |= (byte) (i % 2 == 0 ? v << 4 : v);
    }
    return Optional.of(Inet6Address.getByAddress(null, a, -1));
  }
}
