package io.weft.xmpp.stream;

/** The stream is broken; no further events follow. */
public record StreamFailed(FramingError error) implements StreamEvent {}
