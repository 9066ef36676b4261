package io.weft.bgp.wire;

import java.util.List;

/** COMMUNITIES, RFC 1997: optional transitive list of 32-bit values (AS:value). */
public record Communities(List<Long> values) implements PathAttribute {
  public static final long NO_EXPORT = 0xFFFFFF01L;
  public static final long NO_ADVERTISE = 0xFFFFFF02L;

  public Communities {
    values = List.copyOf(values);
    for (long v : values) {
      if (v < 0 || v > 0xffffffffL) throw new IllegalArgumentException("community");
    }
  }

  @Override
  public int typeCode() {
    return COMMUNITIES;
  }
}
