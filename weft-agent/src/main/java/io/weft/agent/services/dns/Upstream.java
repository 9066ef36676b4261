package io.weft.agent.services.dns;

import java.util.Optional;

/** Where the agent sends queries it cannot answer from its own ports: the control nodes, the host's resolvers. */
public interface Upstream {
  /** Nowhere: every query goes unanswered; as the control nodes, it means there are none (no ports but this host's). */
  Upstream NONE = query -> Optional.empty();

  /** The upstream answer to a query (wire form, same id), or empty when none answered in time. */
  Optional<byte[]> resolve(byte[] query);
}
