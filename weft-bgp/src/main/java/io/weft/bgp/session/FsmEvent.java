package io.weft.bgp.session;

import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.DecodeError;
import io.weft.bgp.wire.EncodedMessages;
import io.weft.bgp.wire.Notification;

/** Inputs of the state machine (RFC 4271 §8.1, folded to what a blocking-socket driver observes). */
public sealed interface FsmEvent {
  /** ManualStart / AutomaticStart (events 1, 3). */
  record Start() implements FsmEvent {}

  /** ManualStop (event 2): close with this Cease if a session exists. */
  record Stop(Notification cease) implements FsmEvent {}

  /** The TCP connection is up, either direction (events 16, 17). */
  record TcpConnected() implements FsmEvent {}

  /** Connecting failed (event 18). */
  record TcpConnectFailed(String reason) implements FsmEvent {}

  /** The connection closed or failed under us. */
  record TcpClosed(String reason) implements FsmEvent {}

  /** A message decoded from the peer (events 19, 25, 26, 27, 24). */
  record Received(BgpMessage message) implements FsmEvent {}

  /** A message that could not be decoded and requires a session reset (events 21, 22, 28). */
  record DecodeFailed(DecodeError error) implements FsmEvent {}

  /** Something to send once established (UPDATE, ROUTE-REFRESH). */
  record Send(BgpMessage message) implements FsmEvent {}

  /** UPDATEs already encoded for this session's options, to send once established. */
  record SendEncoded(EncodedMessages messages) implements FsmEvent {}

  /** Time has passed: timers whose deadline is due fire (events 9, 10, 11, 13). */
  record Tick() implements FsmEvent {}
}
