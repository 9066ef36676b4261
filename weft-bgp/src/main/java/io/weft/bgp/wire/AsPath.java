package io.weft.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH, RFC 4271 §5.1.2 with 4-octet numbers when negotiated (RFC 6793 §3):
 * segments of | type (1) | count (1) | count AS numbers (2 or 4 octets each) |.
 */
public record AsPath(List<Segment> segments) implements PathAttribute {
  public static final AsPath EMPTY = new AsPath(List.of());
  public static final int AS_SET = 1;
  public static final int AS_SEQUENCE = 2;
  public static final int AS_CONFED_SEQUENCE = 3;
  public static final int AS_CONFED_SET = 4;
  /** RFC 6793 §9: stands in for a 4-octet AS towards an old speaker. */
  public static final int AS_TRANS = 23456;

  /** One segment; {@code asns} holds 1..255 unsigned 32-bit AS numbers. */
  public record Segment(int type, List<Long> asns) {
    public Segment {
      asns = List.copyOf(asns);
      if (type < AS_SET || type > AS_CONFED_SET || asns.isEmpty() || asns.size() > 255) {
        throw new IllegalArgumentException("AS_PATH segment");
      }
    }
  }

  public AsPath {
    segments = List.copyOf(segments);
  }

  public static AsPath sequence(long... asns) {
    if (asns.length == 0) return EMPTY;
    List<Long> l = new ArrayList<>();
    for (long a : asns) l.add(a);
    return new AsPath(List.of(new Segment(AS_SEQUENCE, l)));
  }

  /** RFC 4271 §9.1.2.2 a: an AS_SET counts 1, confederation segments count 0. */
  public int length() {
    int n = 0;
    for (Segment s : segments) {
      n += switch (s.type()) {
        case AS_SEQUENCE -> s.asns().size();
        case AS_SET -> 1;
        default -> 0;
      };
    }
    return n;
  }

  public AsPath prepend(long as) {
    List<Segment> out = new ArrayList<>(segments);
    if (!out.isEmpty() && out.getFirst().type() == AS_SEQUENCE && out.getFirst().asns().size() < 255) {
      List<Long> l = new ArrayList<>(out.getFirst().asns());
      l.addFirst(as);
      out.set(0, new Segment(AS_SEQUENCE, l));
    } else {
      out.addFirst(new Segment(AS_SEQUENCE, List.of(as)));
    }
    return new AsPath(out);
  }

  public boolean contains(long as) {
    return segments.stream().anyMatch(s -> s.asns().contains(as));
  }

  @Override
  public int typeCode() {
    return AS_PATH;
  }
}
