package io.weft.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeepaliveTest {
  final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void sendsAfterTheIntervalAndExpiresAfterTheHoldTime() {
    Keepalive k = new Keepalive(Duration.ofSeconds(30), Duration.ofSeconds(90), t0);

    assertThat(k.check(t0.plusSeconds(29))).isEqualTo(Keepalive.Action.NONE);
    assertThat(k.check(t0.plusSeconds(30))).isEqualTo(Keepalive.Action.SEND_KEEPALIVE);
    k.sent(t0.plusSeconds(30));
    k.received(t0.plusSeconds(50));
    assertThat(k.check(t0.plusSeconds(59))).isEqualTo(Keepalive.Action.NONE);
    assertThat(k.check(t0.plusSeconds(139))).isEqualTo(Keepalive.Action.SEND_KEEPALIVE);
    assertThat(k.check(t0.plusSeconds(140))).isEqualTo(Keepalive.Action.HOLD_EXPIRED);
  }
}
