package io.weft.xmpp.stream;

/** A complete first-level child of the stream (iq, message, stream:features, stream:error). */
public record StanzaReceived(XmlElement element, long offset, int length) implements StreamEvent {}
