package io.weft.forwarder;

/** What the forwarder tells its agent. */
public sealed interface AgentEvent permits FlowMiss, TrappedPacket {}
