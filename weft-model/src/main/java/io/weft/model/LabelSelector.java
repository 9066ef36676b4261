package io.weft.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An equality-based label selector as in Kubernetes: comma-separated {@code key=value},
 * {@code key==value}, {@code key!=value}, {@code key} (exists) and {@code !key} (absent).
 * Every requirement must hold.
 */
public record LabelSelector(List<Requirement> requirements) {
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  /** Parses {@code text}; a blank text selects everything. Throws IllegalArgumentException on bad syntax. */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) return EVERYTHING;
    List<Requirement> reqs = new ArrayList<>();
    for (String part : text.split(",")) {
      String t = part.trim();
      Requirement r;
      if (t.startsWith("!")) r = new Requirement(t.substring(1).trim(), Op.ABSENT, null);
      else if (t.contains("!=")) r = split(t, "!=", Op.NOT_EQUALS);
      else if (t.contains("==")) r = split(t, "==", Op.EQUALS);
      else if (t.contains("=")) r = split(t, "=", Op.EQUALS);
      else r = new Requirement(t, Op.EXISTS, null);
      if (!Labels.validKey(r.key())) throw new IllegalArgumentException("label selector '" + text + "': '" + r.key() + "' is not a valid label key");
      if (r.value() != null && !Labels.validValue(r.value())) throw new IllegalArgumentException("label selector '" + text + "': '" + r.value() + "' is not a valid label value");
      reqs.add(r);
    }
    return new LabelSelector(List.copyOf(reqs));
  }

  private static Requirement split(String t, String op, Op kind) {
    int i = t.indexOf(op);
    return new Requirement(t.substring(0, i).trim(), kind, t.substring(i + op.length()).trim());
  }

  public boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      String v = labels.get(r.key());
      boolean ok = switch (r.op()) {
        case EQUALS -> r.value().equals(v);
        case NOT_EQUALS -> !r.value().equals(v);
        case EXISTS -> v != null;
        case ABSENT -> v == null;
      };
      if (!ok) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Requirement r : requirements) {
      parts.add(switch (r.op()) {
        case EQUALS -> r.key() + "=" + r.value();
        case NOT_EQUALS -> r.key() + "!=" + r.value();
        case EXISTS -> r.key();
        case ABSENT -> "!" + r.key();
      });
    }
    return String.join(",", parts);
  }

  public enum Op { EQUALS, NOT_EQUALS, EXISTS, ABSENT }

  public record Requirement(String key, Op op, String value) {}
}
