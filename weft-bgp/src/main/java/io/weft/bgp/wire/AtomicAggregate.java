package io.weft.bgp.wire;

/** ATOMIC_AGGREGATE, RFC 4271 §5.1.6: well-known discretionary, zero length. */
public record AtomicAggregate() implements PathAttribute {
  @Override
  public int typeCode() {
    return ATOMIC_AGGREGATE;
  }
}
