package io.weft.bgp.session;

import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.EncodedMessages;
import io.weft.bgp.wire.Notification;

/** Outputs of the state machine, carried out by the driver in order. */
public sealed interface FsmAction {
  /** Open a TCP connection to the peer. */
  record Connect() implements FsmAction {}

  /** Write a message. */
  record Send(BgpMessage message) implements FsmAction {}

  /** Write messages encoded already. */
  record SendEncoded(EncodedMessages messages) implements FsmAction {}

  /** Close the TCP connection. */
  record Close() implements FsmAction {}

  /** The session reached Established. */
  record Established(Negotiated negotiated) implements FsmAction {}

  /** Hand a received UPDATE or ROUTE-REFRESH to the layer above. */
  record Deliver(BgpMessage message) implements FsmAction {}

  /**
   * An established or opening session ended. {@code notification} is what was sent or
   * received (null if the connection just failed); {@code graceful} says the peer's routes
   * should be kept as stale per RFC 4724 §4.2 (the session was established, graceful
   * restart was negotiated, and it did not end by a NOTIFICATION, or ended by Hard Reset-less
   * NOTIFICATION when RFC 8538 N bit is set — not implemented).
   */
  record Down(String reason, Notification notification, boolean received, boolean wasEstablished, boolean graceful)
      implements FsmAction {}
}
