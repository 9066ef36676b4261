package io.weft.agent.flow;

import java.time.Instant;

/**
 * A flow decided by this agent: its 5-tuple and VRF, the verdict, and for a denied flow the
 * rule that denied it ({@code kind}, {@code rule}, {@code source}: where the rule comes from).
 */
public record FlowRecord(Instant at, String vrf, String src, String dst, int protocol, int srcPort, int dstPort, boolean allowed,
    String kind, String scope, String rule, String source, String reason) {}
