package io.weft.forwarder;

/** What follows an MPLS label the agent allocated: the original allocates one of each per port. */
public enum LabelPayload {
  /** A bare IP packet (the L3 label): the forwarder adds the Ethernet header towards the port. */
  IP,
  /** An Ethernet frame (the bridge label), delivered as it is. */
  ETHERNET
}
