package io.weft.bgp.session;

import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.DecodeError;
import io.weft.bgp.wire.Update;
import java.util.List;

/** Callbacks of a {@link SessionDriver}, all on the driver's own thread, in order. Keep them short. */
public interface SessionListener {
  default void stateChanged(SessionState from, SessionState to) {}

  default void established(Negotiated negotiated) {}

  /** An UPDATE or ROUTE-REFRESH from the established peer. */
  default void received(BgpMessage message) {}

  /** RFC 7606: an UPDATE was turned into {@code withdrawal}; it is also {@link #received}. */
  default void treatedAsWithdraw(Update withdrawal, DecodeError cause) {}

  /** RFC 7606 attribute-discard happened on an UPDATE. */
  default void discarded(List<DecodeError> errors) {}

  default void down(FsmAction.Down down) {}

  /** The queue of encoded UPDATEs, reported full by {@link SessionDriver#backlogged}, is low again. */
  default void drained() {}
}
