package io.weft.forwarder;

/** Introspection of one route, MAC entry, label or VNI: what it is and whether it is programmed. */
public record RouteStatus(String table, String key, String target, ObjectState state, String reason) {}
