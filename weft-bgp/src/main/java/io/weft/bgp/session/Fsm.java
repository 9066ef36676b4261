package io.weft.bgp.session;

import io.weft.bgp.wire.ErrorCode;
import io.weft.bgp.wire.Keepalive;
import io.weft.bgp.wire.Notification;
import io.weft.bgp.wire.Open;
import io.weft.bgp.wire.RouteRefresh;
import io.weft.bgp.wire.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The BGP finite state machine of RFC 4271 §8 as a pure function
 * {@code (FsmState, FsmEvent, now) → (FsmState, actions)}. Timers are deadlines in the
 * state; the driver sends {@link FsmEvent.Tick} when the earliest is due, so tests drive
 * time by hand. Connection collision detection (§6.8) is not done here: the speaker keeps
 * one connection per peer.
 */
public final class Fsm {
  /** RFC 4271 §8.2.2: "a large value" for the HoldTimer while waiting for OPEN; 4 minutes is suggested. */
  public static final Duration OPEN_HOLD = Duration.ofMinutes(4);

  private final SessionConfig config;
  private final DoubleSupplier jitter;

  /** A state machine whose ConnectRetry times are jittered at random (RFC 4271 §10). */
  public Fsm(SessionConfig config) {
    this(config, () -> ThreadLocalRandom.current().nextDouble(0.75, 1.0));
  }

  /**
   * @param jitter the factor each ConnectRetry time is multiplied by, in [0.75, 1.0] (RFC 4271
   *     §10): two speakers connecting to each other with the same fixed retry time can lock
   *     in phase, each connecting while the other is Idle and refuses it, for ever
   */
  public Fsm(SessionConfig config, DoubleSupplier jitter) {
    this.config = config;
    this.jitter = jitter;
  }

  public SessionConfig config() {
    return config;
  }

  public Transition step(FsmState s, FsmEvent e, Instant now) {
    List<FsmAction> out = new ArrayList<>();
    FsmState next = switch (e) {
      case FsmEvent.Start x -> start(s, now, out);
      case FsmEvent.Stop x -> {
        FsmState d = down(s, now, x.cease(), false, "stopped", out, false);
        yield d.autoRestart(false).retry(null);
      }
      case FsmEvent.TcpConnected x -> connected(s, now, out);
      case FsmEvent.TcpConnectFailed x -> s.state() == SessionState.CONNECT
          ? s.with(SessionState.ACTIVE).retry(retryAt(now))
          : s;
      case FsmEvent.TcpClosed x -> {
        if (s.state() == SessionState.IDLE) yield s;
        FsmState d = down(s, now, null, false, "connection closed: " + x.reason(), out, true);
        // RFC 4271 §8.2.2, OpenSent, event 18: go to Active, listening for the peer's connection,
        // not Idle, which refuses it: two speakers that each dropped to Idle when the other
        // refused them could keep refusing each other for ever.
        yield s.state() == SessionState.OPEN_SENT ? d.with(SessionState.ACTIVE) : d;
      }
      case FsmEvent.DecodeFailed x -> down(s, now, x.error().toNotification(), false, "decode error: " + x.error(), out, true);
      case FsmEvent.Received x -> received(s, x, now, out);
      case FsmEvent.Send x -> {
        if (s.state() != SessionState.ESTABLISHED) yield s;
        out.add(new FsmAction.Send(x.message()));
        yield sent(s, now);
      }
      case FsmEvent.SendEncoded x -> {
        if (s.state() != SessionState.ESTABLISHED) yield s;
        out.add(new FsmAction.SendEncoded(x.messages()));
        yield sent(s, now);
      }
      case FsmEvent.Tick x -> tick(s, now, out);
    };
    return new Transition(next, out);
  }

  /** When the ConnectRetryTimer started now expires: its configured time times the jitter factor. */
  private Instant retryAt(Instant now) {
    double factor = Math.clamp(jitter.getAsDouble(), 0.75, 1.0);
    return now.plusNanos((long) (config.connectRetry().toNanos() * factor));
  }

  /** RFC 4271 §4.4: the KeepaliveTimer restarts whenever an UPDATE or KEEPALIVE is sent. */
  private static FsmState sent(FsmState s, Instant now) {
    return s.keepaliveDeadline() == null ? s : s.keepalive(now.plusSeconds(s.negotiated().keepaliveTime()));
  }

  private FsmState start(FsmState s, Instant now, List<FsmAction> out) {
    if (s.state() != SessionState.IDLE) return s.autoRestart(true);
    if (config.passive()) return FsmState.INITIAL.with(SessionState.ACTIVE).autoRestart(true);
    out.add(new FsmAction.Connect());
    return FsmState.INITIAL.with(SessionState.CONNECT).autoRestart(true);
  }

  private FsmState connected(FsmState s, Instant now, List<FsmAction> out) {
    if (s.state() != SessionState.CONNECT && s.state() != SessionState.ACTIVE) {
      out.add(new FsmAction.Close()); // a second connection while one is in use
      return s;
    }
    out.add(new FsmAction.Send(OpenNegotiator.localOpen(config)));
    return s.with(SessionState.OPEN_SENT).retry(null).hold(now.plus(OPEN_HOLD));
  }

  private FsmState received(FsmState s, FsmEvent.Received r, Instant now, List<FsmAction> out) {
    SessionState st = s.state();
    if (r.message() instanceof Notification n) {
      return down(s, now, n, true, "NOTIFICATION received: " + n, out, false);
    }
    if (st == SessionState.OPEN_SENT && r.message() instanceof Open open) {
      return switch (OpenNegotiator.negotiate(config, open)) {
        case OpenNegotiator.Outcome.Rejected rej -> down(s, now, rej.notification(), false, "OPEN rejected: " + rej.reason(), out, true);
        case OpenNegotiator.Outcome.Accepted acc -> {
          Negotiated n = acc.negotiated();
          out.add(new FsmAction.Send(Keepalive.INSTANCE));
          FsmState next = s.with(SessionState.OPEN_CONFIRM).negotiated(n);
          yield n.holdTime() == 0
              ? next.hold(null).keepalive(null)
              : next.hold(now.plusSeconds(n.holdTime())).keepalive(now.plusSeconds(n.keepaliveTime()));
        }
      };
    }
    if (st == SessionState.OPEN_CONFIRM && r.message() instanceof Keepalive) {
      out.add(new FsmAction.Established(s.negotiated()));
      return restartHold(s.with(SessionState.ESTABLISHED), now);
    }
    if (st == SessionState.ESTABLISHED) {
      switch (r.message()) {
        case Keepalive k -> {
          return restartHold(s, now);
        }
        case Update u -> {
          out.add(new FsmAction.Deliver(u));
          return restartHold(s, now);
        }
        case RouteRefresh rr -> {
          out.add(new FsmAction.Deliver(rr));
          return s;
        }
        default -> { }
      }
    }
    // RFC 4271 §8.2.2 and RFC 6608: anything else is an FSM error.
    int sub = switch (st) {
      case OPEN_SENT -> ErrorCode.FSM_UNEXPECTED_IN_OPEN_SENT;
      case OPEN_CONFIRM -> ErrorCode.FSM_UNEXPECTED_IN_OPEN_CONFIRM;
      case ESTABLISHED -> ErrorCode.FSM_UNEXPECTED_IN_ESTABLISHED;
      default -> 0;
    };
    return down(s, now, new Notification(ErrorCode.FSM_ERROR, sub), false,
        "unexpected " + r.message().getClass().getSimpleName() + " in " + st, out, true);
  }

  private FsmState restartHold(FsmState s, Instant now) {
    return s.holdDeadline() == null ? s : s.hold(now.plusSeconds(s.negotiated().holdTime()));
  }

  private FsmState tick(FsmState s, Instant now, List<FsmAction> out) {
    if (s.holdDeadline() != null && !now.isBefore(s.holdDeadline())) {
      return down(s, now, new Notification(ErrorCode.HOLD_TIMER_EXPIRED, 0), false, "hold timer expired", out, true);
    }
    FsmState next = s;
    if (s.keepaliveDeadline() != null && !now.isBefore(s.keepaliveDeadline())) {
      out.add(new FsmAction.Send(Keepalive.INSTANCE));
      next = next.keepalive(now.plusSeconds(s.negotiated().keepaliveTime()));
    }
    if (s.retryDeadline() != null && !now.isBefore(s.retryDeadline())) {
      switch (s.state()) {
        case IDLE -> {
          next = next.retry(null);
          if (s.autoRestart()) next = start(next, now, out);
        }
        case ACTIVE -> {
          if (config.passive()) {
            next = next.retry(null);
          } else {
            out.add(new FsmAction.Connect());
            next = next.with(SessionState.CONNECT).retry(null);
          }
        }
        default -> next = next.retry(null);
      }
    }
    return next;
  }

  /**
   * Ends the session: send {@code notification} unless it was received, close, go Idle,
   * and arm the retry timer if the session restarts by itself.
   */
  private FsmState down(FsmState s, Instant now, Notification notification, boolean received, String reason,
      List<FsmAction> out, boolean restart) {
    SessionState st = s.state();
    boolean connected = st == SessionState.OPEN_SENT || st == SessionState.OPEN_CONFIRM || st == SessionState.ESTABLISHED;
    if (!connected && st != SessionState.CONNECT && st != SessionState.ACTIVE) return s;
    if (connected && notification != null && !received) out.add(new FsmAction.Send(notification));
    out.add(new FsmAction.Close());
    boolean established = st == SessionState.ESTABLISHED;
    // RFC 4724 §4.2: routes are retained when the session drops without a NOTIFICATION
    // (TCP failure, or hold timer expiry which we count with the transport failures).
    boolean graceful = established && s.negotiated() != null && s.negotiated().gracefulRestart()
        && (notification == null || notification.code() == ErrorCode.HOLD_TIMER_EXPIRED);
    if (connected) out.add(new FsmAction.Down(reason, notification, received, established, graceful));
    FsmState idle = new FsmState(SessionState.IDLE, null, null, null, null, s.autoRestart());
    return restart || s.autoRestart() ? idle.retry(retryAt(now)) : idle;
  }
}
