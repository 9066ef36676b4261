package io.weft.xmpp.message;

import io.weft.xmpp.Jid;
import java.util.List;

/**
 * Control → agent per-host config (to {@code <host>/config}), in order:
 *
 * <pre>{@code
 * <iq type="set" from="network-control@contrailsystems.com" to="host/config" id="config7">
 *  <config xmlns="urn:weft:xmpp:config:1">
 *   <add><resource kind="RoutingInstance" name="default-domain:p:red:red">{…}</resource></add>
 *   <delete><resource kind="PortConfig" name="default-domain:p:pod-1"/></delete>
 * </config></iq>
 * }</pre>
 *
 * Consecutive changes with the same op share one wrapper element.
 */
public record ConfigUpdate(Jid from, Jid to, String id, List<ConfigChange> changes) implements XmppMessage {
  public ConfigUpdate {
    changes = List.copyOf(changes);
  }
}
