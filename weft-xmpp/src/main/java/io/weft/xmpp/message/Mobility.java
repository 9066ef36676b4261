package io.weft.xmpp.message;

/**
 * {@code <mobility seqno="…" sticky="…"/>}, the MAC-mobility sequence that replaced the
 * deprecated {@code sequence-number}. Either attribute may be null (absent).
 */
public record Mobility(Long seqno, Boolean sticky) {}
