package io.weft.agent.services.arp;

/** What the vRouter does with an ARP request from a port (the datapath's vm_arp_request outcomes). */
public sealed interface ArpDecision {
  /** Answer on the port, claiming {@code mac} (text, colon-separated) for the target address. */
  record Proxy(String mac, String why) implements ArpDecision {}

  /** Send the request to every port and host of the network (it asked for unknown-unicast flooding). */
  record Flood() implements ArpDecision {}

  /** Answer nothing and send it nowhere. */
  record Drop(String why) implements ArpDecision {}
}
