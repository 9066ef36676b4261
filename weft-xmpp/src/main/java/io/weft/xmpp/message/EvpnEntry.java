package io.weft.xmpp.message;

import java.util.List;
import java.util.Objects;

/**
 * An EVPN {@code <entry>} (TF xmpp_enet.xsd EnetEntryType). BUM routes use MAC
 * ff:ff:ff:ff:ff:ff; with VXLAN the label and ethernet-tag equal the VNI.
 */
public record EvpnEntry(
    EvpnNlri nlri,
    List<NextHop> nextHops,
    List<NextHop> olist,
    List<NextHop> leafOlist,
    String virtualNetwork,
    Mobility mobility,
    Long sequenceNumber,
    List<Long> securityGroups,
    Long localPreference,
    Long med,
    Boolean edgeReplicationNotSupported,
    Boolean assistedReplicationSupported,
    String replicatorAddress,
    Boolean etreeLeaf) implements RouteEntry {

  public EvpnEntry {
    Objects.requireNonNull(nlri, "nlri");
    nextHops = List.copyOf(nextHops);
    olist = List.copyOf(olist);
    leafOlist = List.copyOf(leafOlist);
    securityGroups = List.copyOf(securityGroups);
  }

  @Override
  public Family family() {
    return Family.EVPN;
  }

  @Override
  public String itemId() {
    StringBuilder sb = new StringBuilder();
    if (nlri.ethernetTag() != null && nlri.ethernetTag() != 0) sb.append(nlri.ethernetTag()).append('-');
    sb.append(nlri.mac()).append(',').append(nlri.address());
    if (nlri.group() != null) sb.append(',').append(nlri.group()).append(',').append(nlri.source());
    return sb.toString();
  }
}
