package io.weft.xmpp.message;

import io.weft.xmpp.Jid;

/** Agent → control End-of-RIB: a publish with no item, {@code <publish node="0/0/EndOfRib"/>}. */
public record AgentEndOfRib(Jid from, Jid to, String id) implements XmppMessage {}
