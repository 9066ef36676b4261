package io.weft.forwarder.pipeline;

import io.weft.forwarder.Encapsulation;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A next hop resolved for the data path: the port object itself, a tunnel with its
 * encapsulation already chosen, ECMP members (a null slot is a member still pending).
 * Immutable; the control thread swaps whole adjacencies into the tables.
 */
public sealed interface Adjacency {
  record Local(Port port) implements Adjacency {}

  record Tunnel(InetAddress remote, InetSocketAddress udpTarget, int label, int vni, Encapsulation encapsulation)
      implements Adjacency {}

  record Ecmp(Adjacency[] members, int active) implements Adjacency {}

  record Discard() implements Adjacency {}

  record Receive() implements Adjacency {}

  Discard DISCARD = new Discard();
  Receive RECEIVE = new Receive();
}
