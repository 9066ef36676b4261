package io.weft.bgp.session;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * The state machine's whole state: the RFC 4271 state, the deadlines of its timers
 * (null when stopped), what the OPEN exchange agreed, and whether an automatic restart
 * follows a stop (AutomaticStart, RFC 4271 §8.1.1).
 */
public record FsmState(SessionState state, Instant holdDeadline, Instant keepaliveDeadline, Instant retryDeadline,
    Negotiated negotiated, boolean autoRestart) {
  public static final FsmState INITIAL = new FsmState(SessionState.IDLE, null, null, null, null, false);

  /** The earliest timer deadline, or null if no timer runs. */
  public Instant nextDeadline() {
    return Stream.of(holdDeadline, keepaliveDeadline, retryDeadline).filter(java.util.Objects::nonNull)
        .min(Instant::compareTo).orElse(null);
  }

  FsmState with(SessionState s) {
    return new FsmState(s, holdDeadline, keepaliveDeadline, retryDeadline, negotiated, autoRestart);
  }

  FsmState hold(Instant d) {
    return new FsmState(state, d, keepaliveDeadline, retryDeadline, negotiated, autoRestart);
  }

  FsmState keepalive(Instant d) {
    return new FsmState(state, holdDeadline, d, retryDeadline, negotiated, autoRestart);
  }

  FsmState retry(Instant d) {
    return new FsmState(state, holdDeadline, keepaliveDeadline, d, negotiated, autoRestart);
  }

  FsmState negotiated(Negotiated n) {
    return new FsmState(state, holdDeadline, keepaliveDeadline, retryDeadline, n, autoRestart);
  }

  FsmState autoRestart(boolean a) {
    return new FsmState(state, holdDeadline, keepaliveDeadline, retryDeadline, negotiated, a);
  }
}
