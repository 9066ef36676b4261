package io.weft.xmpp.message;

import java.util.List;
import java.util.Objects;

/**
 * An inet or inet6 {@code <entry>} (TF xmpp_unicast.xsd EntryType). Nullable fields are absent
 * on the wire when null; empty lists are omitted.
 */
public record UnicastEntry(
    UnicastNlri nlri,
    List<NextHop> nextHops,
    Long version,
    String virtualNetwork,
    Mobility mobility,
    Long sequenceNumber,
    List<Long> securityGroups,
    List<String> communityTags,
    Long localPreference,
    Long med,
    LoadBalance loadBalance,
    SubProtocol subProtocol) implements RouteEntry {

  public UnicastEntry {
    Objects.requireNonNull(nlri, "nlri");
    nextHops = List.copyOf(nextHops);
    securityGroups = List.copyOf(securityGroups);
    communityTags = List.copyOf(communityTags);
  }

  @Override
  public Family family() {
    return nlri.af() == Family.INET6.afi() ? Family.INET6 : Family.INET;
  }

  @Override
  public String itemId() {
    return nlri.address();
  }
}
