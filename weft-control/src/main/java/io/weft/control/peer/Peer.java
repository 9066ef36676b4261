package io.weft.control.peer;

import io.weft.control.rib.RibSubscriber;

/**
 * Anything that publishes paths into the RIB and subscribes to instances: an XMPP agent
 * today, a BGP neighbour or a local source (static routes, service-chain re-origination)
 * tomorrow (TF's IPeer). Import/export, best path and graceful restart act on peers by
 * name, so each is written once for all kinds.
 */
public interface Peer extends RibSubscriber {
  /** The name paths carry ({@code Path.peer}): an agent's host name, a neighbour's address. */
  String name();

  Kind kind();

  enum Kind { XMPP_AGENT, BGP_NEIGHBOUR, LOCAL }
}
