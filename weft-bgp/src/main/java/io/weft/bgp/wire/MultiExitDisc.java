package io.weft.bgp.wire;

/** MULTI_EXIT_DISC, RFC 4271 §5.1.4: optional non-transitive, unsigned 32 bits. */
public record MultiExitDisc(long value) implements PathAttribute {
  public MultiExitDisc {
    if (value < 0 || value > 0xffffffffL) throw new IllegalArgumentException("MED");
  }

  @Override
  public int typeCode() {
    return MULTI_EXIT_DISC;
  }
}
