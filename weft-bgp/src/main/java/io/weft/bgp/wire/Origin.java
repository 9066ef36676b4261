package io.weft.bgp.wire;

/** ORIGIN, RFC 4271 §5.1.1: well-known mandatory, one octet (0 IGP, 1 EGP, 2 INCOMPLETE). */
public enum Origin implements PathAttribute {
  IGP, EGP, INCOMPLETE;

  @Override
  public int typeCode() {
    return ORIGIN;
  }
}
