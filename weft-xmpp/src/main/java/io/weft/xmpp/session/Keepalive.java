package io.weft.xmpp.session;

import java.time.Duration;
import java.time.Instant;

/**
 * Keepalive and hold timer as a pure object: the driver reports sends and receipts with the
 * time they happened and asks what to do now. Guarded by the owning channel's timer lock.
 */
public final class Keepalive {
  /** What the driver must do. */
  public enum Action { NONE, SEND_KEEPALIVE, HOLD_EXPIRED }

  private final Duration interval;
  private final Duration hold;
  private Instant lastSent;
  private Instant lastReceived;

  public Keepalive(Duration interval, Duration hold, Instant now) {
    this.interval = interval;
    this.hold = hold;
    this.lastSent = now;
    this.lastReceived = now;
  }

  public void sent(Instant now) {
    lastSent = now;
  }

  public void received(Instant now) {
    lastReceived = now;
  }

  public Action check(Instant now) {
    if (!now.isBefore(lastReceived.plus(hold))) return Action.HOLD_EXPIRED;
    if (!now.isBefore(lastSent.plus(interval))) return Action.SEND_KEEPALIVE;
    return Action.NONE;
  }
}
