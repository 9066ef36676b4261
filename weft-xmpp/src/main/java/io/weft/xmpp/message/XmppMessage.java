package io.weft.xmpp.message;

/** Every stanza of the agent ↔ control node protocol, as an immutable record. */
public sealed interface XmppMessage extends DecodeResult
    permits Subscribe, Unsubscribe, Publish, Collection, AgentEndOfRib, RouteEvent, EndOfRib,
        ConfigUpdate, StreamError {}
