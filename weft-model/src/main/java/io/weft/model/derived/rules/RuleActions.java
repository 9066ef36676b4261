package io.weft.model.derived.rules;

import java.util.List;

/**
 * What a matching rule does (TF ActionListType). Only {@code action} takes part in the
 * allow/deny decision; {@code log}, {@code mirrorTo} (analyzer name, null for none) and
 * {@code applyService} (ordered service-instance names {@code project/name}) are carried for
 * the vRouter and the service-chaining work.
 */
public record RuleActions(Action action, boolean log, String mirrorTo, List<String> applyService) {
  public RuleActions {
    if (action == null) throw new IllegalArgumentException("action is required");
    applyService = applyService == null ? List.of() : List.copyOf(applyService);
  }

  public static RuleActions of(Action action) {
    return new RuleActions(action, false, null, List.of());
  }
}
