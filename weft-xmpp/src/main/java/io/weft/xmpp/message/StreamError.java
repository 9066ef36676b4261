package io.weft.xmpp.message;

/**
 * {@code <stream:error><condition xmlns="urn:ietf:params:xml:ns:xmpp-streams"/><text>…</text></stream:error>}
 * (RFC 6120 §4.9), sent before closing a broken stream.
 *
 * @param text nullable
 */
public record StreamError(String condition, String text) implements XmppMessage {}
