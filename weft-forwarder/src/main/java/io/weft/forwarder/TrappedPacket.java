package io.weft.forwarder;

/** A frame handed to the agent: ARP, ND, DHCP, or addressed to a receive next hop. */
public record TrappedPacket(TrapReason reason, String port, String vrf, byte[] frame) implements AgentEvent {}
