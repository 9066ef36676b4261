package io.weft.bgp.session;

import java.util.List;

/** The result of one step: the next state and the actions to carry out, in order. */
public record Transition(FsmState state, List<FsmAction> actions) {
  public Transition {
    actions = List.copyOf(actions);
  }
}
