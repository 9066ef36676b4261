package io.weft.model.derived.rules;

import java.util.Locale;
import java.util.Map;

/** IANA protocol numbers as compiled rules carry them; {@link #ANY} (-1) matches every protocol. */
public final class Protocols {
  public static final int ANY = -1;
  public static final int ICMP = 1;
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int ICMP6 = 58;
  public static final int SCTP = 132;
  private static final Map<String, Integer> NAMES = Map.of("any", ANY, "icmp", ICMP, "tcp", TCP, "udp", UDP, "icmp6", ICMP6, "sctp", SCTP);

  private Protocols() {}

  /** Parses {@code any}, a name (tcp, udp, icmp, icmp6, sctp) or a number 0..255. */
  public static int parse(String text) {
    Integer named = NAMES.get(text.trim().toLowerCase(Locale.ROOT));
    if (named != null) return named;
    try {
      int n = Integer.parseInt(text.trim());
      check(n);
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a protocol: any, tcp, udp, icmp, icmp6, sctp or a number 0..255");
    }
  }

  /** The name when it has one, else the number. */
  public static String name(int protocol) {
    for (var e : NAMES.entrySet()) if (e.getValue() == protocol) return e.getKey();
    return Integer.toString(protocol);
  }

  /** Whether ports are meaningful for {@code protocol} (tcp, udp, sctp, or any). */
  public static boolean hasPorts(int protocol) {
    return protocol == ANY || protocol == TCP || protocol == UDP || protocol == SCTP;
  }

  static void check(int protocol) {
    if (protocol < ANY || protocol > 255) throw new IllegalArgumentException("protocol " + protocol + " is outside 0..255 (or -1 for any)");
  }
}
