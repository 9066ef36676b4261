package io.weft.bgp.peer;

import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.EncodedMessages;

/** Where the {@link AdjRibOut} puts a neighbour's UPDATEs: its session's queue (tests: a list). */
interface OutboundSink {
  void send(EncodedMessages m);

  void send(BgpMessage m);

  /**
   * True while the queue holds as much as a neighbour may cost: the Adj-RIB-Out hands it
   * nothing more and waits for {@link AdjRibOut#drained}.
   */
  boolean full();

  /** The session of {@code peer}, once attached. */
  static OutboundSink session(BgpPeer peer) {
    return new OutboundSink() {
      @Override
      public void send(EncodedMessages m) {
        peer.driver().send(m);
      }

      @Override
      public void send(BgpMessage m) {
        peer.driver().send(m);
      }

      @Override
      public boolean full() {
        return peer.driver().backlogged();
      }
    };
  }
}
