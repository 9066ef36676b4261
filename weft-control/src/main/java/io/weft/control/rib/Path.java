package io.weft.control.rib;

import java.util.Objects;

/**
 * One peer's path to a prefix in one table. A primary path was published into its own
 * instance; a secondary path is a copy imported by route target from {@code primaryInstance}
 * (TF's routepath_replicator), and is never re-exported.
 *
 * @param peer the name of the peer that published it (an agent's host name, a BGP neighbour)
 * @param attributes what the decision process compares
 * @param route the peer's route as received (e.g. an XMPP entry); the table never looks inside
 *     it, the subscriber that sends it out does
 * @param stale set while the peer is down within its graceful-restart period (RFC 4724 §4.2)
 * @param primaryInstance the instance it was published into
 */
public record Path(String peer, PathAttributes attributes, Object route, boolean stale, String primaryInstance) {
  public Path {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(primaryInstance, "primaryInstance");
  }

  public Path withStale(boolean newStale) {
    return newStale == stale ? this : new Path(peer, attributes, route, newStale, primaryInstance);
  }

  /** True in every table other than {@code primaryInstance}. */
  public boolean secondaryIn(String instance) {
    return !primaryInstance.equals(instance);
  }

  /** Same origin (peer and primary instance): a newer path from it replaces this one. */
  boolean sameSource(Path other) {
    return peer.equals(other.peer) && primaryInstance.equals(other.primaryInstance);
  }
}
