package io.weft.forwarder;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * Where a route, MAC entry or label sends a packet. Values, compared by content; the
 * forwarder resolves them (a port that is not there yet leaves the referring object
 * {@link ObjectState#PENDING}).
 */
public sealed interface NextHop {
  /** Deliver to a local port. */
  record Interface(String port) implements NextHop {}

  /**
   * Encapsulate towards another host. {@code label} is used by MPLSoUDP and MPLSoGRE,
   * {@code vni} by VXLAN; {@code encapsulations} is what the remote end advertised.
   */
  record Tunnel(InetAddress remote, int label, int vni, Set<Encapsulation> encapsulations) implements NextHop {
    public Tunnel {
      encapsulations = Set.copyOf(encapsulations);
    }
  }

  /**
   * Equal-cost members. A flow picks one on its first packet and keeps it; append new
   * members at the end so existing flows keep their index.
   */
  record Ecmp(List<NextHop> members) implements NextHop {
    public Ecmp {
      members = List.copyOf(members);
      if (members.isEmpty() || members.stream().anyMatch(m -> m instanceof Ecmp)) throw new IllegalArgumentException("ECMP members must be non-empty and flat");
    }
  }

  /** Drop, counted as {@link DropReason#DISCARD}. */
  record Discard() implements NextHop {}

  /** Hand the packet to the agent ({@link TrapReason#RECEIVE}). */
  record Receive() implements NextHop {}
}
