package io.weft.forwarder;

/** Why the forwarder dropped a packet; each has a counter. */
public enum DropReason {
  MALFORMED,
  NO_VRF,
  NO_ROUTE,
  L2_MISS,
  /** Broadcast or multicast that is not ARP/ND/DHCP: the vRouter never floods. */
  FLOOD,
  FLOW_ACTION_DROP,
  FLOW_LIMIT,
  HOLD_QUEUE_FULL,
  /** Held packets discarded when a HOLD flow aged out without a decision. */
  HOLD_TIMEOUT,
  DISCARD,
  NO_LABEL,
  NO_VNI,
  NO_ENCAPSULATION,
  UNSUPPORTED,
  PORT_DOWN,
  AGENT_QUEUE_FULL,
  SEND_FAILED
}
