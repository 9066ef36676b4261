package io.weft.forwarder;

import java.util.Optional;

/** One flow entry as a dump shows it. {@code ecmpIndex} is -1 when no ECMP member was chosen. */
public record FlowSnapshot(FlowKey key, String vrf, String ingress, FlowAction action, Optional<FlowKey> reverse,
    long packets, long bytes, long createdNanos, long lastUsedNanos, boolean tcpClosing, int ecmpIndex, String rule) {}
