package io.weft.forwarder;

/**
 * A packet matched no flow. The flow is in HOLD (up to three packets queued) until the
 * agent calls {@link Forwarder#installFlow}. {@code ingress} is the port name, or
 * {@code underlay:<ENCAPSULATION>} for a decapsulated packet; {@code packet} is a copy of
 * the first frame (an Ethernet frame; for an MPLS L3 payload, the bare IP packet).
 */
public record FlowMiss(FlowKey key, String vrf, String ingress, byte[] packet) implements AgentEvent {}
