package io.weft.xmpp.message;

/** What {@link XmppCodec#decode} returns: a message, or why the stanza is not one. */
public sealed interface DecodeResult permits XmppMessage, DecodeError {}
