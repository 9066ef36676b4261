package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;

/**
 * An IP protocol: {@code any}, a name ({@code tcp, udp, icmp, icmp6, sctp}) or an IANA
 * protocol number 0..255. {@link #ANY} has number -1.
 */
public record Protocol(int number) {
  public static final Protocol ANY = new Protocol(-1);
  public static final Protocol ICMP = new Protocol(1);
  public static final Protocol TCP = new Protocol(6);
  public static final Protocol UDP = new Protocol(17);
  public static final Protocol ICMP6 = new Protocol(58);
  public static final Protocol SCTP = new Protocol(132);
  private static final Map<String, Integer> NAMES = Map.of("any", -1, "icmp", 1, "tcp", 6, "udp", 17, "icmp6", 58, "sctp", 132);

  public Protocol {
    if (number < -1 || number > 255) throw new IllegalArgumentException("protocol " + number + " is outside 0..255");
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Protocol of(Object written) {
    if (written instanceof Integer i) {
      if (i < 0) throw new IllegalArgumentException("protocol " + i + " is outside 0..255");
      return new Protocol(i);
    }
    if (written instanceof Number n) throw new IllegalArgumentException("protocol " + n + " is outside 0..255");
    if (written instanceof String s) return parse(s);
    throw new IllegalArgumentException("expected a protocol: any, tcp, udp, icmp, icmp6, sctp or a number 0..255");
  }

  public static Protocol parse(String text) {
    Integer named = NAMES.get(text.trim().toLowerCase(Locale.ROOT));
    if (named != null) return new Protocol(named);
    try {
      return of(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a protocol: any, tcp, udp, icmp, icmp6, sctp or a number 0..255");
    }
  }

  public boolean isAny() {
    return number < 0;
  }

  /** Whether ports mean anything for this protocol (any, tcp, udp, sctp). */
  public boolean hasPorts() {
    return isAny() || number == 6 || number == 17 || number == 132;
  }

  public boolean matches(int protocolNumber) {
    return isAny() || number == protocolNumber;
  }

  /** The name when it has one, else the number. */
  @JsonValue
  public Object written() {
    for (var e : NAMES.entrySet()) if (e.getValue() == number) return e.getKey();
    return number;
  }

  @Override
  public String toString() {
    return String.valueOf(written());
  }
}
