package io.weft.xmpp.message;

import io.weft.xmpp.Jid;

/** Agent → control: {@code <pubsub><unsubscribe node="…"/></pubsub>}, the subscribe shape without options. */
public record Unsubscribe(Jid from, Jid to, String id, String node) implements XmppMessage {}
