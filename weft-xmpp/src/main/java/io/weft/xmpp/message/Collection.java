package io.weft.xmpp.message;

import io.weft.xmpp.Jid;
import java.util.Objects;

/**
 * Agent → control: {@code <pubsub><collection node="<vrf>"><associate node="afi/safi/vrf/id"/></collection></pubsub>}
 * (or {@code dissociate}), sent right after the {@link Publish} of the same node.
 */
public record Collection(Jid from, Jid to, String id, String vrf, String itemNode, CollectionAction action)
    implements XmppMessage {
  public Collection {
    Objects.requireNonNull(vrf, "vrf");
    Objects.requireNonNull(itemNode, "itemNode");
    Objects.requireNonNull(action, "action");
  }
}
