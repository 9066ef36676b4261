package io.weft.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The queue's marks: full above the high one, and one report when taken below the low one after that. */
class OutboundBacklogTest {
  private final OutboundBacklog backlog = new OutboundBacklog();

  @Test
  void fullAboveTheHighMarkThenOneReportBelowTheLowMark() {
    backlog.added(OutboundBacklog.HIGH_WATER);
    assertThat(backlog.full()).isFalse();
    backlog.added(1);
    assertThat(backlog.full()).isTrue();
    assertThat(backlog.taken(OutboundBacklog.HIGH_WATER - OutboundBacklog.LOW_WATER)).as("at the low mark, not below").isFalse();
    assertThat(backlog.taken(2)).isTrue();
    assertThat(backlog.taken(1)).as("reported once").isFalse();
    assertThat(backlog.bytes()).isEqualTo(OutboundBacklog.LOW_WATER - 2);
    assertThat(backlog.peak()).isEqualTo(OutboundBacklog.HIGH_WATER + 1);
  }

  @Test
  void noReportWhenNobodyWasToldItWasFull() {
    backlog.added(2 * OutboundBacklog.HIGH_WATER);
    assertThat(backlog.taken(2 * OutboundBacklog.HIGH_WATER)).isFalse();
  }
}
