package io.weft.forwarder;

/** Why a packet is handed to the agent (the original's AGENT_TRAP_* reasons that apply here). */
public enum TrapReason {
  ARP,
  /** IPv6 neighbour or router discovery. */
  NEIGHBOR_DISCOVERY,
  DHCP,
  /** A route's next hop is {@link NextHop.Receive}. */
  RECEIVE
}
