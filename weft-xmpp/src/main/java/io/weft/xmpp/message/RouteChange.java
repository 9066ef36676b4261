package io.weft.xmpp.message;

/** One route change an agent made, assembled from a publish and its collection. */
public sealed interface RouteChange permits RouteChange.Advertised, RouteChange.Withdrawn {
  NodeName node();

  /** Add or update: {@code associate}. */
  record Advertised(NodeName node, RouteEntry entry) implements RouteChange {}

  /** Delete: {@code dissociate}; the entry is not needed, the node name is the key. */
  record Withdrawn(NodeName node) implements RouteChange {}
}
