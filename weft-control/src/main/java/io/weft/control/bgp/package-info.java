/**
 * BGP in the control node (issue 6), on weft-bgp's speaker.
 *
 * <ul>
 *   <li>Config: BgpRouter resources arrive through the config watch (ConfigIndex passes the whole set
 *       on any change) and become a {@link io.weft.control.bgp.BgpPlan}: this node is the router named by
 *       {@code BgpService.Settings.routerName} (the {@code --bgp-router} flag) or else the
 *       {@code control-node} router with this node's address; neighbours are routers listed in
 *       {@code peers} in either direction, plus every other control node (iBGP full mesh; a
 *       route-reflector client peers only with reflectors). Families are those both routers list.
 *       Changes apply without restart; a change that only affects routing (client flag, cluster id)
 *       keeps the sessions.
 *   <li>Out: every agent path becomes a VPNv4/VPNv6/EVPN type-2 route ({@link io.weft.control.bgp.VpnRoutes}):
 *       RD = underlay:instance-id, export RTs, OriginVn, security groups, encapsulations (13/8/2), label or
 *       VNI, next hop = the agent's underlay address as published (no per-peer rewrite: run agents with a
 *       routable underlay; tests use 192.0.2.x). Tags are not sent.
 *   <li>EVPN type 3 ({@link io.weft.control.bgp.InclusiveMulticastRoutes}): per instance with a VNI and
 *       agent with routes in it, an inclusive multicast route on the agent's behalf (RD as its type-2
 *       routes, Ethernet tag 0, originator and next hop = its underlay address, export RTs, VXLAN
 *       encapsulation, PMSI tunnel: ingress replication, the VNI, the underlay address); withdrawn with
 *       the agent's last route there. Received type-3 routes are kept and reflected, not given to agents.
 *   <li>Route-target constraint (RFC 4684), when the BgpRouters list {@code route-target}: one membership
 *       route per imported target ({@link io.weft.control.bgp.RouteTargetMemberships}); a neighbour that
 *       negotiated it is sent a VPN/EVPN route only if its membership asks for one of the route's targets
 *       ({@link io.weft.control.bgp.RouteTargetFilter}), nothing VPN before its membership End-of-RIB or
 *       5 s (§6); a membership change re-decides its Adj-RIB-Out. Neighbours without it keep the
 *       unfiltered path. Received memberships are not propagated to other neighbours (we are not a
 *       transit for them), so a route reflector among RTC clients reflects only what it imports.
 *   <li>In: received paths are kept in {@code VpnTable}; those whose RTs some instance imports are published
 *       into the RIB (instance {@code bgp.vpn/<rd>/<rts>} exporting exactly those RTs) and reach agents by the
 *       RIB's ordinary route-target import. Reflection: RFC 4456 client/non-client rules, ORIGINATOR_ID and
 *       CLUSTER_LIST added, loops dropped; eBGP-learned paths go to everyone; no next-hop-self.
 *   <li>Graceful restart: helper (stale on transport loss, swept at End-of-RIB per family or restart time);
 *       speaker advertises restart time and F bit. As the restarting speaker
 *       ({@code Settings.restartingWithEndOfRibDelay}): R bit set, End-of-RIB held for the delay or until
 *       {@code BgpService.releaseEndOfRib()}, so helpers keep our stale routes while agents re-publish;
 *       {@code closeForRestart()} stops without NOTIFICATION so helpers keep them in the first place.
 *       Not wired yet: deciding at start-up that this start is a restart (no CLI flag), and releasing on
 *       "every agent re-published" rather than by the timer.
 *   <li>Errors: a neighbour's bad OPEN is answered by weft-bgp's checks (wrong AS → 2/2), hold-timer expiry
 *       with 4/0; introspect's {@code lastDown} says why, also for sessions that never came up.
 *   <li>Introspect {@code /bgp/peers}, {@code /bgp/speaker}; metrics {@code weft_control_bgp_*}.
 * </ul>
 */
package io.weft.control.bgp;
