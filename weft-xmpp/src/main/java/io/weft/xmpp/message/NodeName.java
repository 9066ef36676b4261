package io.weft.xmpp.message;

import java.util.Objects;

/**
 * A publish node name {@code <afi>/<safi>/<vrf>/<item-id>}, e.g. {@code 1/1/default-domain:p:red:red/10.1.1.3/32}
 * or {@code 25/242/default-domain:p:red:red/02:00:00:00:00:01,10.1.1.3/32}
 * (the agent builds it in controller_peer.cc from nlri af/safi, the VRF name and the route).
 * VRF names are colon-separated fq-names and contain no '/'; the item id may.
 */
public record NodeName(Family family, String vrf, String itemId) {
  /** Node of the control node's End-of-RIB {@code items} and of the agent's End-of-RIB publish. */
  public static final String END_OF_RIB = "0/0/EndOfRib";

  public NodeName {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(vrf, "vrf");
    Objects.requireNonNull(itemId, "itemId");
  }

  /** Parses a node name; null when it is not {@code afi/safi/vrf/id} of a known family. */
  public static NodeName parse(String node) {
    if (node == null) return null;
    String[] parts = node.split("/", 4);
    if (parts.length != 4 || parts[2].isEmpty() || parts[3].isEmpty()) return null;
    try {
      Family f = Family.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      return f == null ? null : new NodeName(f, parts[2], parts[3]);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The {@code <items node>} of a control→agent event: {@code afi/safi/vrf}. */
  public static String itemsNode(Family family, String vrf) {
    return family.nodePrefix() + "/" + vrf;
  }

  @Override
  public String toString() {
    return family.nodePrefix() + "/" + vrf + "/" + itemId;
  }
}
