package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An inclusive range of TCP/UDP/SCTP ports. Written {@code 80} (or {@code "80"}),
 * {@code "8000-8080"} or {@code "any"} (0-65535); always {@code 0 <= start <= end <= 65535}.
 */
public record PortRange(int start, int end) {
  public static final int MAX_PORT = 65535;
  public static final PortRange ANY = new PortRange(0, MAX_PORT);

  public PortRange {
    checkPort(start);
    checkPort(end);
    if (start > end) throw new IllegalArgumentException("'" + start + "-" + end + "' starts after it ends");
  }

  public static PortRange single(int port) {
    return new PortRange(port, port);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PortRange of(Object written) {
    if (written instanceof Integer i) return single(i);
    if (written instanceof Number n) throw new IllegalArgumentException("port " + n + " is outside 0.." + MAX_PORT);
    if (written instanceof String s) return parse(s);
    throw new IllegalArgumentException("expected a port (80), a range (\"8000-8080\") or \"any\"");
  }

  public static PortRange parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("any")) return ANY;
    int dash = t.indexOf('-');
    try {
      return dash < 0 ? single(Integer.parseInt(t))
          : new PortRange(Integer.parseInt(t.substring(0, dash).trim()), Integer.parseInt(t.substring(dash + 1).trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a port, a range like 8000-8080, or any");
    }
  }

  private static void checkPort(int port) {
    if (port < 0 || port > MAX_PORT) throw new IllegalArgumentException("port " + port + " is outside 0.." + MAX_PORT);
  }

  public boolean isAny() {
    return start == 0 && end == MAX_PORT;
  }

  public boolean contains(int port) {
    return port >= start && port <= end;
  }

  /** The written form: {@code "any"}, the port as a number, or {@code "start-end"}. */
  @JsonValue
  public Object written() {
    if (isAny()) return "any";
    return start == end ? (Object) start : start + "-" + end;
  }

  @Override
  public String toString() {
    return String.valueOf(written());
  }
}
