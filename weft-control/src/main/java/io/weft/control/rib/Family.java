package io.weft.control.rib;

/** The address families a routing instance keeps a table for: {@code <ri>.inet.0}, {@code .inet6.0}, {@code .evpn.0}. */
public enum Family {
  INET,
  INET6,
  EVPN
}
