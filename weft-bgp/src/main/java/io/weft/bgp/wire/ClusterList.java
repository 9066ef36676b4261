package io.weft.bgp.wire;

import java.net.Inet4Address;
import java.util.List;

/** CLUSTER_LIST, RFC 4456 §8: optional non-transitive sequence of 4-octet cluster IDs. */
public record ClusterList(List<Inet4Address> clusterIds) implements PathAttribute {
  public ClusterList {
    clusterIds = List.copyOf(clusterIds);
  }

  @Override
  public int typeCode() {
    return CLUSTER_LIST;
  }
}
