package io.weft.bgp.wire;

/**
 * An optional attribute Weft does not interpret (AS4_PATH, tunnel
 * encapsulation, large communities, ...). RFC 4271 §5: an unrecognised optional transitive
 * attribute is passed on with the Partial bit set; {@link #propagated()} does that.
 */
public record UnknownAttribute(int flags, int typeCode, Bytes value) implements PathAttribute {
  public UnknownAttribute {
    if ((flags & FLAG_OPTIONAL) == 0) throw new IllegalArgumentException("well-known attributes are never unknown");
    flags &= 0xe0;
  }

  public boolean transitive() {
    return (flags & FLAG_TRANSITIVE) != 0;
  }

  /** The attribute as passed on to another peer. */
  public UnknownAttribute propagated() {
    return new UnknownAttribute(flags | FLAG_PARTIAL, typeCode, value);
  }
}
