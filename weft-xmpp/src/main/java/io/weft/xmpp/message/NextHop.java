package io.weft.xmpp.message;

import java.util.List;
import java.util.Objects;

/**
 * One {@code <next-hop>} of a unicast or EVPN entry, or of an EVPN {@code olist}
 * (TF xmpp_unicast.xsd NextHopType, xmpp_enet.xsd EnetNextHopType). Nullable fields are absent
 * on the wire when null.
 *
 * @param af address family of {@code address}: 1 IPv4, 2 IPv6
 * @param address the underlay (compute host) address
 * @param mac the router MAC, used for EVPN type-5 and VXLAN routing; nullable
 * @param label MPLS label, or the VNI when the encapsulation is VXLAN
 * @param vni VNI (unicast schema only); nullable
 * @param l3Label L3 label/VNI (EVPN schema only); nullable
 * @param encapsulations supported tunnel encapsulations, preferred first
 * @param virtualNetwork the endpoint's network (unicast schema only); nullable
 * @param tags numeric 32-bit tag ids of the endpoint
 * @param localSequenceNumber nullable
 */
public record NextHop(
    int af,
    String address,
    String mac,
    long label,
    Long vni,
    Long l3Label,
    List<Encapsulation> encapsulations,
    String virtualNetwork,
    List<Long> tags,
    Long localSequenceNumber) {

  public NextHop {
    Objects.requireNonNull(address, "address");
    encapsulations = List.copyOf(encapsulations);
    tags = List.copyOf(tags);
  }

  /** The common case: an IPv4 underlay next hop with a label and encapsulations. */
  public static NextHop of(String address, long label, List<Encapsulation> encapsulations) {
    return new NextHop(1, address, null, label, null, null, encapsulations, null, List.of(), null);
  }
}
