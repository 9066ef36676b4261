package io.weft.control.peer;

import io.weft.control.rib.Route;
import io.weft.control.xmpp.RouteEntries;
import io.weft.xmpp.message.EventItem;
import io.weft.xmpp.message.XmppCodec;

/**
 * Encodes the {@code <item>} of a changed route once for every agent subscribed to it, as
 * TF's RibOut builds one update for all the peers of an update group: a route in a network
 * with 20 subscribers costs one encoding, not 20. The bytes are queued in place of the route
 * and dropped once sent, so nothing encoded outlives the queues.
 *
 * <p>A one-route memo is enough: {@link io.weft.control.rib.RibSubscriber}s are told about a
 * change one after another with the same immutable {@link Route} (under the RIB's lock). The
 * memo is an immutable pair behind a volatile field, so a racing caller at worst encodes again.
 */
public final class ItemEncoder {
  private record Memo(Route route, byte[] item) {}

  private volatile Memo last;

  /** The encoded item advertising {@code route} (best path, with the ECMP set's next hops). */
  public byte[] item(String prefix, Route route) {
    Memo m = last;
    if (m != null && m.route() == route) return m.item();
    byte[] item = XmppCodec.encodeItem(new EventItem(prefix, RouteEntries.advertised(route)));
    last = new Memo(route, item);
    return item;
  }
}
