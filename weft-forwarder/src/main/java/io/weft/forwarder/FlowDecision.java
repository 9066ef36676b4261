package io.weft.forwarder;

import java.util.Objects;
import java.util.Optional;

/**
 * The agent's answer to a {@link FlowMiss}: the action for the forward flow and its reverse
 * (installed together, stateful), an optional port that receives a copy of every packet,
 * and the rule that decided (shown in flow dumps and counted for drops).
 */
public record FlowDecision(FlowKey forward, FlowKey reverse, FlowAction action, Optional<String> mirrorPort, String rule) {
  public FlowDecision {
    Objects.requireNonNull(forward);
    Objects.requireNonNull(reverse);
    if (action == FlowAction.HOLD) throw new IllegalArgumentException("HOLD is not a decision");
  }

  public static FlowDecision forward(FlowKey key, String rule) {
    return new FlowDecision(key, key.reversed(), FlowAction.FORWARD, Optional.empty(), rule);
  }

  public static FlowDecision drop(FlowKey key, String rule) {
    return new FlowDecision(key, key.reversed(), FlowAction.DROP, Optional.empty(), rule);
  }

  public FlowDecision mirroredTo(String port) {
    return new FlowDecision(forward, reverse, action, Optional.of(port), rule);
  }
}
