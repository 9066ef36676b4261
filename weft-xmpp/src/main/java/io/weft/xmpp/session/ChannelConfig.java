package io.weft.xmpp.session;

import io.weft.xmpp.stream.StreamLimits;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Session parameters.
 *
 * @param limits framing limits for inbound stanzas
 * @param keepaliveInterval send a whitespace keepalive when nothing was sent for this long
 * @param holdTime close the session when nothing was received for this long (also the
 *     handshake timeout)
 * @param clock time source for the keepalive and hold timers; tests inject a fake
 * @param timerTick how often the timer thread checks the timers; null starts no timer thread
 *     (tests then call {@link XmppChannel#checkTimers()} themselves)
 * @param sendFeatures whether the accepting side sends an (empty) {@code <stream:features/>};
 *     the original sends features only to negotiate TLS, and both forms are accepted
 */
public record ChannelConfig(StreamLimits limits, Duration keepaliveInterval, Duration holdTime,
    InstantSource clock, Duration timerTick, boolean sendFeatures) {

  /** Hold time 90 s and keepalive every 30 s, BGP-style one third. */
  public static final ChannelConfig DEFAULT = new ChannelConfig(StreamLimits.DEFAULT, Duration.ofSeconds(30),
      Duration.ofSeconds(90), InstantSource.system(), Duration.ofSeconds(1), true);

  public ChannelConfig {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    Objects.requireNonNull(holdTime, "holdTime");
    Objects.requireNonNull(clock, "clock");
  }

  public ChannelConfig withLimits(StreamLimits newLimits) {
    return new ChannelConfig(newLimits, keepaliveInterval, holdTime, clock, timerTick, sendFeatures);
  }

  public ChannelConfig withTimers(Duration keepalive, Duration hold, InstantSource newClock, Duration tick) {
    return new ChannelConfig(limits, keepalive, hold, newClock, tick, sendFeatures);
  }
}
