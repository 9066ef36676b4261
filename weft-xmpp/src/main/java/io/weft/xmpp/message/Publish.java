package io.weft.xmpp.message;

import io.weft.xmpp.Jid;
import java.util.Objects;

/**
 * Agent → control: {@code <pubsub><publish node="afi/safi/vrf/id"><item><entry>…</entry></item></publish></pubsub>},
 * always followed by a {@link Collection} that says whether it is an add/update (associate)
 * or a delete (dissociate).
 */
public record Publish(Jid from, Jid to, String id, String vrf, RouteEntry entry) implements XmppMessage {
  public Publish {
    Objects.requireNonNull(vrf, "vrf");
    Objects.requireNonNull(entry, "entry");
  }

  public NodeName node() {
    return new NodeName(entry.family(), vrf, entry.itemId());
  }
}
