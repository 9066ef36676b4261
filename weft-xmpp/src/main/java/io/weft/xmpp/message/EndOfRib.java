package io.weft.xmpp.message;

import io.weft.xmpp.Jid;

/** Control → agent End-of-RIB: {@code <event><items node="0/0/EndOfRib"></items></event>}. */
public record EndOfRib(Jid from, Jid to) implements XmppMessage {}
