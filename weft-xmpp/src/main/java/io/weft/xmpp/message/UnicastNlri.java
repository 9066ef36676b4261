package io.weft.xmpp.message;

import java.util.Objects;

/** {@code <nlri><af/><safi/><address>10.1.1.3/32</address></nlri>} (TF IPAddressType). */
public record UnicastNlri(int af, int safi, String address) {
  public UnicastNlri {
    Objects.requireNonNull(address, "address");
  }
}
