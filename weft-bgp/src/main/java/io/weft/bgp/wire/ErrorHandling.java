package io.weft.bgp.wire;

/** The approaches of RFC 7606 §2, weakest first. */
public enum ErrorHandling {
  ATTRIBUTE_DISCARD, TREAT_AS_WITHDRAW, SESSION_RESET
}
