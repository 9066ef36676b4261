package io.weft.xmpp.message;

import java.util.Objects;

/**
 * {@code <nlri>} of an EVPN entry (TF xmpp_enet.xsd EnetAddressType): af 25, safi 242,
 * ethernet-tag (the VNI with VXLAN), mac, address {@code ip/plen}, and for multicast group and
 * source. Nullable fields are absent when null.
 */
public record EvpnNlri(int af, int safi, Long ethernetTag, String mac, String address, String group,
    String source, Long flags) {
  public EvpnNlri {
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(address, "address");
  }
}
