package io.weft.xmpp.message;

/** The {@code <entry>} of a published item or an event item. */
public sealed interface RouteEntry permits UnicastEntry, EvpnEntry {
  Family family();

  /**
   * The item id: the prefix for inet/inet6, {@code [<tag>-]<mac>,<ip>/<plen>[,<group>,<source>]}
   * for EVPN (TF xmpp_message_builder.cc, controller_peer.cc retract parsing).
   */
  String itemId();
}
