package io.weft.xmpp.message;

import io.weft.xmpp.Jid;

/**
 * Agent → control: subscribe to a routing instance, or (to the {@code config} resource) to a
 * config node such as {@code virtual-router:default-global-system-config:<host>}.
 *
 * <pre>{@code
 * <iq type="set" from="host" to="network-control@contrailsystems.com/bgp-peer" id="subscribe3">
 *  <pubsub xmlns="http://jabber.org/protocol/pubsub">
 *   <subscribe node="default-domain:p:red:red"><options><instance-id>3</instance-id></options></subscribe>
 * </pubsub></iq>
 * }</pre>
 *
 * @param instanceId the agent's index for the VRF; RD = {@code <agent-ip>:<instanceId>}; nullable
 * @param noRibOut when true the agent wants no routes sent back; nullable (absent)
 */
public record Subscribe(Jid from, Jid to, String id, String node, Long instanceId, Boolean noRibOut)
    implements XmppMessage {}
