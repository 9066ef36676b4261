package io.weft.xmpp.stream;

/** What the framer found in the bytes fed to it, in stream order. */
public sealed interface StreamEvent
    permits StreamOpened, StanzaReceived, StreamClosed, KeepaliveReceived, StreamFailed {}
