package io.weft.bgp.wire;

/** LOCAL_PREF, RFC 4271 §5.1.5: well-known, internal peers only, unsigned 32 bits. */
public record LocalPref(long value) implements PathAttribute {
  public LocalPref {
    if (value < 0 || value > 0xffffffffL) throw new IllegalArgumentException("LOCAL_PREF");
  }

  @Override
  public int typeCode() {
    return LOCAL_PREF;
  }
}
