package io.weft.xmpp.message;

import java.util.List;

/**
 * {@code <load-balance><load-balance-fields><load-balance-field-list>…</load-balance-fields>
 * <load-balance-decision>…</load-balance-decision></load-balance>}.
 *
 * @param decision null when absent (the schema's default is field-hash)
 */
public record LoadBalance(List<LoadBalanceField> fields, LoadBalanceDecision decision) {
  public LoadBalance {
    fields = List.copyOf(fields);
  }
}
