package io.weft.xmpp.stream;

/** The peer's {@code <stream:stream>} open tag arrived. */
public record StreamOpened(StreamHeader header, long offset) implements StreamEvent {}
