package io.weft.forwarder;

/**
 * Receives the forwarder's events on the forwarder's single agent-dispatch thread, never on
 * a packet loop; a slow listener backs up the bounded event queue, whose overflow is
 * counted as {@link DropReason#AGENT_QUEUE_FULL}.
 */
public interface AgentListener {
  void onFlowMiss(FlowMiss miss);

  void onTrappedPacket(TrappedPacket packet);
}
