package io.weft.xmpp.message;

import io.weft.xmpp.Jid;
import java.util.List;
import java.util.Objects;

/**
 * Control → agent routes of one VRF and family (TF xmpp_message_builder.cc):
 *
 * <pre>{@code
 * <message from="network-control@contrailsystems.com" to="host/bgp-peer">
 *  <event xmlns="http://jabber.org/protocol/pubsub"><items node="1/1/<vrf>">
 *   <item id="10.1.1.3/32"><entry>…</entry></item>
 *   <retract id="10.1.1.4/32"/>
 * </items></event></message>
 * }</pre>
 *
 * Items are written before retracts; their relative order on the wire is not kept.
 */
public record RouteEvent(Jid from, Jid to, Family family, String vrf, List<EventItem> items, List<String> retracts)
    implements XmppMessage {
  public RouteEvent {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(vrf, "vrf");
    items = List.copyOf(items);
    retracts = List.copyOf(retracts);
  }
}
