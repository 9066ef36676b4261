package io.weft.model.derived.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An inclusive range of TCP/UDP/SCTP ports, {@code 0 <= start <= end <= 65535}. JSON form as
 * in specs: {@code 80}, {@code "8000-8080"} or {@code "any"}.
 */
public record PortSpan(int start, int end) {
  public static final int MAX_PORT = 65535;
  public static final PortSpan ANY = new PortSpan(0, MAX_PORT);

  public PortSpan {
    if (start < 0 || end > MAX_PORT || start > end) {
      throw new IllegalArgumentException("port range " + start + "-" + end + " is not within 0.." + MAX_PORT + " or starts after it ends");
    }
  }

  public static PortSpan single(int port) {
    return new PortSpan(port, port);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PortSpan of(Object written) {
    if (written instanceof Integer i) return single(i);
    if (written instanceof String s) {
      String t = s.trim();
      if (t.equalsIgnoreCase("any")) return ANY;
      int dash = t.indexOf('-');
      try {
        return dash < 0 ? single(Integer.parseInt(t))
            : new PortSpan(Integer.parseInt(t.substring(0, dash).trim()), Integer.parseInt(t.substring(dash + 1).trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' is not a port, a range like 8000-8080, or any");
      }
    }
    throw new IllegalArgumentException("expected a port (80), a range (\"8000-8080\") or \"any\"");
  }

  public boolean contains(int port) {
    return port >= start && port <= end;
  }

  @JsonValue
  public Object written() {
    if (start == 0 && end == MAX_PORT) return "any";
    return start == end ? (Object) start : start + "-" + end;
  }

  @Override
  public String toString() {
    return String.valueOf(written());
  }
}
