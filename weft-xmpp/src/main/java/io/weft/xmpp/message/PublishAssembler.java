package io.weft.xmpp.message;

/**
 * Merges the agent's two IQs per route, {@link Publish} then {@link Collection}, into one
 * {@link RouteChange}, as the original's XmppConnection does before the control node sees them.
 * One instance per session, used by that session's reader thread only.
 */
public final class PublishAssembler {
  private Publish pending;

  /**
   * Feeds one decoded message; returns the completed change, or null when the message is a
   * publish awaiting its collection. A dissociate needs no publish; an associate whose publish
   * did not come just before it is a {@link DecodeError}.
   */
  public DecodeResultOrChange accept(XmppMessage message) {
    switch (message) {
      case Publish p -> {
        pending = p;
        return null;
      }
      case Collection c -> {
        NodeName node = NodeName.parse(c.itemNode());
        Publish p = pending;
        pending = null;
        if (node == null) return new DecodeResultOrChange.Error(new DecodeError("collection node '" + c.itemNode() + "' is not afi/safi/vrf/id", -1, c.itemNode()));
        if (c.action() == CollectionAction.DISSOCIATE) return new DecodeResultOrChange.Change(new RouteChange.Withdrawn(node));
        if (p == null || !p.vrf().equals(node.vrf()) || p.entry().family() != node.family()) {
          return new DecodeResultOrChange.Error(new DecodeError("associate of " + c.itemNode() + " without its publish", -1, c.itemNode()));
        }
        return new DecodeResultOrChange.Change(new RouteChange.Advertised(node, p.entry()));
      }
      default -> {
        return null;
      }
    }
  }

  /** Outcome of {@link #accept}. */
  public sealed interface DecodeResultOrChange {
    record Change(RouteChange change) implements DecodeResultOrChange {}

    record Error(DecodeError error) implements DecodeResultOrChange {}
  }
}
