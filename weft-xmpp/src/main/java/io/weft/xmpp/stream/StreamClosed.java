package io.weft.xmpp.stream;

/** The peer sent {@code </stream:stream>}. */
public record StreamClosed(long offset) implements StreamEvent {}
