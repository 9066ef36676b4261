package io.weft.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.Bytes;
import io.weft.bgp.wire.ErrorCode;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FourOctetAsCapability;
import io.weft.bgp.wire.Keepalive;
import io.weft.bgp.wire.MultiprotocolCapability;
import io.weft.bgp.wire.Notification;
import io.weft.bgp.wire.Open;
import io.weft.bgp.wire.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure state machine driven by hand: time is an Instant we move, so timers fire in microseconds. */
class FsmTest {
  static final SessionConfig CONFIG = new SessionConfig(64512, Addresses.parseV4("10.0.0.1"), 65001, 90,
      List.of(Family.IPV4_VPN, Family.EVPN), GracefulRestartConfig.helper(60), false, Duration.ofSeconds(5));
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final Fsm fsm = new Fsm(CONFIG);
  FsmState state = FsmState.INITIAL;
  Instant now = T0;
  final List<FsmAction> actions = new ArrayList<>();

  List<FsmAction> feed(FsmEvent e) {
    Transition t = fsm.step(state, e, now);
    state = t.state();
    actions.addAll(t.actions());
    return t.actions();
  }

  static Open peerOpen(long as, int hold, String id) {
    return new Open(4, (int) as, hold, Addresses.parseV4(id), List.of(new MultiprotocolCapability(Family.IPV4_VPN),
        new MultiprotocolCapability(Family.EVPN), new FourOctetAsCapability(as)));
  }

  void establish(int peerHold) {
    assertThat(feed(new FsmEvent.Start())).containsExactly(new FsmAction.Connect());
    assertThat(state.state()).isEqualTo(SessionState.CONNECT);
    List<FsmAction> a = feed(new FsmEvent.TcpConnected());
    assertThat(a).singleElement().isInstanceOfSatisfying(FsmAction.Send.class,
        s -> assertThat(s.message()).isEqualTo(OpenNegotiator.localOpen(CONFIG)));
    assertThat(state.state()).isEqualTo(SessionState.OPEN_SENT);
    assertThat(feed(new FsmEvent.Received(peerOpen(65001, peerHold, "10.0.0.3"))))
        .containsExactly(new FsmAction.Send(Keepalive.INSTANCE));
    assertThat(state.state()).isEqualTo(SessionState.OPEN_CONFIRM);
    assertThat(feed(new FsmEvent.Received(Keepalive.INSTANCE))).singleElement().isInstanceOf(FsmAction.Established.class);
    assertThat(state.state()).isEqualTo(SessionState.ESTABLISHED);
  }

  @Test
  void basicTransitionsToEstablished() {
    establish(30);
    assertThat(state.negotiated().holdTime()).isEqualTo(30); // the smaller hold time wins
    assertThat(state.negotiated().keepaliveTime()).isEqualTo(10);
    assertThat(state.negotiated().gracefulRestart()).isFalse(); // the peer did not advertise it
    Update u = Update.endOfRib(Family.EVPN);
    assertThat(feed(new FsmEvent.Received(u))).containsExactly(new FsmAction.Deliver(u));
  }

  @Test
  void holdTimerExpirySendsNotification4() {
    establish(9);
    now = now.plusSeconds(8);
    feed(new FsmEvent.Received(Keepalive.INSTANCE)); // restarts the hold timer
    now = now.plusSeconds(8);
    assertThat(feed(new FsmEvent.Tick())).doesNotContain(new FsmAction.Close());
    now = now.plusSeconds(1);
    List<FsmAction> a = feed(new FsmEvent.Tick());
    assertThat(a).startsWith(new FsmAction.Send(new Notification(ErrorCode.HOLD_TIMER_EXPIRED, 0)), new FsmAction.Close());
    assertThat(state.state()).isEqualTo(SessionState.IDLE);
    // Automatic restart after the connect retry time.
    now = now.plus(CONFIG.connectRetry());
    assertThat(feed(new FsmEvent.Tick())).containsExactly(new FsmAction.Connect());
  }

  @ParameterizedTest(name = "jitter {0}")
  @org.junit.jupiter.params.provider.ValueSource(doubles = {0.75, 0.9, 1.0})
  void connectRetryIsJitteredBetweenThreeQuartersAndAll(double factor) {
    // RFC 4271 §10: two speakers retrying with one fixed time can lock in phase, each
    // connecting while the other is Idle; the timer is the configured time times [0.75, 1.0].
    Fsm jittered = new Fsm(CONFIG, () -> factor);
    FsmState s = jittered.step(FsmState.INITIAL, new FsmEvent.Start(), T0).state();
    s = jittered.step(s, new FsmEvent.TcpClosed("reset"), T0).state();
    assertThat(s.state()).isEqualTo(SessionState.IDLE);
    Duration after = Duration.ofNanos((long) (CONFIG.connectRetry().toNanos() * factor));
    assertThat(s.retryDeadline()).isEqualTo(T0.plus(after));
    assertThat(jittered.step(s, new FsmEvent.Tick(), T0.plus(after).minusMillis(1)).actions()).isEmpty();
    assertThat(jittered.step(s, new FsmEvent.Tick(), T0.plus(after)).actions()).containsExactly(new FsmAction.Connect());
  }

  @Test
  void connectionLostInOpenSentListensInActive() {
    // RFC 4271 §8.2.2 OpenSent, event 18: Active (an incoming connection is taken), not Idle.
    feed(new FsmEvent.Start());
    feed(new FsmEvent.TcpConnected());
    assertThat(state.state()).isEqualTo(SessionState.OPEN_SENT);
    assertThat(feed(new FsmEvent.TcpClosed("closed by peer"))).contains(new FsmAction.Close());
    assertThat(state.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(state.retryDeadline()).isNotNull(); // and it connects again itself when the timer expires
    assertThat(feed(new FsmEvent.TcpConnected())).singleElement().isInstanceOf(FsmAction.Send.class); // our OPEN
    assertThat(state.state()).isEqualTo(SessionState.OPEN_SENT);
  }

  @Test
  void randomJitterStaysWithinRangeAndVaries() {
    java.util.Set<Instant> deadlines = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      FsmState s = fsm.step(FsmState.INITIAL, new FsmEvent.Start(), T0).state();
      Instant at = fsm.step(s, new FsmEvent.TcpClosed("reset"), T0).state().retryDeadline();
      assertThat(at).isBetween(T0.plus(CONFIG.connectRetry().multipliedBy(3).dividedBy(4)), T0.plus(CONFIG.connectRetry()));
      deadlines.add(at);
    }
    assertThat(deadlines).hasSizeGreaterThan(1);
  }

  @Test
  void keepalivesEveryThirdOfTheHoldTime() {
    establish(90);
    int sent = 0;
    for (int s = 1; s <= 95; s++) {
      now = T0.plusSeconds(s);
      if (s % 20 == 0) feed(new FsmEvent.Received(Keepalive.INSTANCE)); // the peer's keepalives keep us up
      sent += (int) feed(new FsmEvent.Tick()).stream().filter(x -> x.equals(new FsmAction.Send(Keepalive.INSTANCE))).count();
    }
    assertThat(sent).isEqualTo(3); // at 30, 60, 90 seconds
    assertThat(state.state()).isEqualTo(SessionState.ESTABLISHED);
  }

  @Test
  void sendingAnUpdateDefersTheKeepalive() {
    establish(90);
    now = T0.plusSeconds(25);
    feed(new FsmEvent.Send(Update.endOfRib(Family.EVPN)));
    now = T0.plusSeconds(31);
    assertThat(feed(new FsmEvent.Tick())).isEmpty();
    now = T0.plusSeconds(55);
    assertThat(feed(new FsmEvent.Tick())).containsExactly(new FsmAction.Send(Keepalive.INSTANCE));
  }

  @Test
  void waitingForOpenTimesOutAfterFourMinutes() {
    feed(new FsmEvent.Start());
    feed(new FsmEvent.TcpConnected());
    now = now.plus(Fsm.OPEN_HOLD);
    assertThat(feed(new FsmEvent.Tick())).contains(new FsmAction.Send(new Notification(ErrorCode.HOLD_TIMER_EXPIRED, 0)));
  }

  static Stream<Arguments> badOpens() {
    return Stream.of(
        Arguments.of("unsupported version", new Open(3, 65001, 90, Addresses.parseV4("10.0.0.3"), List.of()),
            new Notification(2, 1, Bytes.of((byte) 0, (byte) 4))),
        Arguments.of("wrong peer AS", peerOpen(65099, 90, "10.0.0.3"), new Notification(2, 2)),
        Arguments.of("zero BGP identifier", peerOpen(65001, 90, "0.0.0.0"), new Notification(2, 3)),
        Arguments.of("hold time 2", peerOpen(65001, 2, "10.0.0.3"), new Notification(2, 6)),
        Arguments.of("no common family", new Open(4, 65001, 90, Addresses.parseV4("10.0.0.3"),
            List.of(new MultiprotocolCapability(Family.IPV6_UNICAST))), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOpens")
  void badOpenIsAnsweredWithItsNotification(String name, Open open, Notification expected) {
    feed(new FsmEvent.Start());
    feed(new FsmEvent.TcpConnected());
    List<FsmAction> a = feed(new FsmEvent.Received(open));
    FsmAction.Send sent = (FsmAction.Send) a.getFirst();
    Notification n = (Notification) sent.message();
    if (expected != null) {
      assertThat(n).isEqualTo(expected);
    } else {
      assertThat(n.code()).isEqualTo(2);
      assertThat(n.subcode()).isEqualTo(ErrorCode.UNSUPPORTED_CAPABILITY);
      assertThat(n.data().length()).isGreaterThan(0);
    }
    assertThat(a).contains(new FsmAction.Close());
    assertThat(state.state()).isEqualTo(SessionState.IDLE);
  }

  @Test
  void unexpectedMessageIsAnFsmError() {
    feed(new FsmEvent.Start());
    feed(new FsmEvent.TcpConnected());
    assertThat(feed(new FsmEvent.Received(Update.endOfRib(Family.EVPN))))
        .startsWith(new FsmAction.Send(new Notification(ErrorCode.FSM_ERROR, ErrorCode.FSM_UNEXPECTED_IN_OPEN_SENT)));
  }

  @Test
  void notificationReceivedClosesWithoutAnswer() {
    establish(90);
    List<FsmAction> a = feed(new FsmEvent.Received(new Notification(6, 2)));
    assertThat(a).noneMatch(x -> x instanceof FsmAction.Send);
    assertThat(a).anyMatch(x -> x instanceof FsmAction.Down d && d.received() && d.wasEstablished() && !d.graceful());
  }

  @Test
  void gracefulRestartRetainsRoutesOnTransportFailure() {
    feed(new FsmEvent.Start());
    feed(new FsmEvent.TcpConnected());
    Open withGr = new Open(4, 65001, 90, Addresses.parseV4("10.0.0.3"), List.of(new MultiprotocolCapability(Family.IPV4_VPN),
        new io.weft.bgp.wire.GracefulRestartCapability(false, false, 120, List.of(
            new io.weft.bgp.wire.GracefulRestartCapability.FamilyFlags(Family.IPV4_VPN, true)))));
    feed(new FsmEvent.Received(withGr));
    feed(new FsmEvent.Received(Keepalive.INSTANCE));
    assertThat(state.negotiated().gracefulRestart()).isTrue();
    assertThat(feed(new FsmEvent.TcpClosed("reset"))).anyMatch(x -> x instanceof FsmAction.Down d && d.graceful());
  }

  @Test
  void passiveSessionWaitsAndStopSendsCease() {
    Fsm passive = new Fsm(new SessionConfig(64512, Addresses.parseV4("10.0.0.1"), 65001, 90, List.of(Family.IPV4_VPN),
        null, true, Duration.ofSeconds(5)));
    Transition t = passive.step(FsmState.INITIAL, new FsmEvent.Start(), now);
    assertThat(t.actions()).isEmpty();
    assertThat(t.state().state()).isEqualTo(SessionState.ACTIVE);
    t = passive.step(t.state(), new FsmEvent.TcpConnected(), now);
    Notification cease = new Notification(ErrorCode.CEASE, ErrorCode.ADMINISTRATIVE_SHUTDOWN);
    t = passive.step(t.state(), new FsmEvent.Stop(cease), now);
    assertThat(t.actions()).startsWith(new FsmAction.Send(cease), new FsmAction.Close());
    assertThat(t.state().nextDeadline()).isNull(); // no automatic restart after a manual stop
  }
}
