package io.weft.control.rib;

/** ORIGIN (RFC 4271 §5.1.1); lower is preferred in the decision process (§9.1.2.2 c). */
public enum Origin {
  IGP,
  EGP,
  INCOMPLETE
}
