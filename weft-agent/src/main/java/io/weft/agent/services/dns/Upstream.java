package io.weft.agent.services.dns;

import java.util.Optional;

/** Where names the agent does not own are resolved: the host's resolvers. */
public interface Upstream {
  /** The upstream answer to a query (wire form, same id), or empty when none answered in time. */
  Optional<byte[]> resolve(byte[] query);
}
