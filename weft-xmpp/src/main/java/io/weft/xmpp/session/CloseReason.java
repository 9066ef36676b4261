package io.weft.xmpp.session;

/** Why a channel closed; {@code detail} is the sentence that was logged. */
public record CloseReason(Kind kind, String detail) {
  public enum Kind {
    /** {@link XmppChannel#close()} was called. */
    LOCAL_CLOSE,
    /** The peer sent {@code </stream:stream>} or closed the connection. */
    PEER_CLOSED,
    /** Malformed, oversized or too deep input; a stream error was sent. */
    FRAMING_ERROR,
    /** The peer sent {@code <stream:error>}. */
    PEER_STREAM_ERROR,
    /** Nothing received within the hold time. */
    HOLD_EXPIRED,
    /** Stream open exchange failed. */
    HANDSHAKE_FAILED,
    IO_ERROR
  }
}
