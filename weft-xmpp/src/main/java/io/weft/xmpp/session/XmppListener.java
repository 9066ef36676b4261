package io.weft.xmpp.session;

import io.weft.xmpp.message.DecodeError;
import io.weft.xmpp.message.XmppMessage;

/**
 * Callbacks of a channel, all on that channel's reader thread, in stream order. They should
 * hand work off (to a queue) rather than block: a blocked callback stops this session's reads,
 * and only this session's.
 */
public interface XmppListener {
  default void onEstablished(XmppChannel channel) {}

  void onMessage(XmppChannel channel, XmppMessage message);

  /** A well-formed stanza outside the schema; the session stays up (it has been logged). */
  default void onDecodeError(XmppChannel channel, DecodeError error) {}

  /** Called exactly once per channel that reached {@link #onEstablished}. */
  default void onClosed(XmppChannel channel, CloseReason reason) {}
}
