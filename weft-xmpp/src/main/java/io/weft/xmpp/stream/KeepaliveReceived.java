package io.weft.xmpp.stream;

/**
 * Whitespace between stanzas arrived (RFC 6120 §4.6.1 whitespace keepalive; the original also
 * sends U+0200, see src/xmpp/xmpp_str.h sXMPP_WHITESPACE). One event per feed at most.
 */
public record KeepaliveReceived(long offset) implements StreamEvent {}
