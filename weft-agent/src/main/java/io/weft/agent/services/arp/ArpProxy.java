package io.weft.agent.services.arp;

/**
 * The ARP proxy (SYSTEM.md §4; tungsten-fabric.md §5 "ARP proxy"): the vRouter answers for
 * the gateway and service addresses with its virtual gateway MAC, and for every address it
 * knows in the VRF — with the endpoint's MAC when known, else with the gateway MAC so the
 * traffic is routed (L3) by the forwarder. It never floods a request for an unknown address
 * unless the network asks for unknown-unicast flooding. Gratuitous ARP and duplicate-address
 * probes (sender = target, or sender 0.0.0.0) are not answered: answering would tell the
 * port its own address is taken.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArpProxy {
  /** The original agent's {@code vrrp_mac_}. */
  public static final String GATEWAY_MAC = "00:00:5e:00:01:00";

  /**
   * @param noArpProxy the port's NO_ARP_PROXY flag: such ports are answered only for the gateway
   */
  public ArpDecision decide(ArpView vrf, String senderIp, String targetIp, boolean noArpProxy) {
    if (targetIp.equals(senderIp)) return new ArpDecision.Drop("gratuitous ARP");
    if (vrf.isServiceAddress(targetIp)) return new ArpDecision.Proxy(GATEWAY_MAC, "gateway");
    if (senderIp.equals("0.0.0.0")) return new ArpDecision.Drop("address probe");
    if (!noArpProxy) {
      String mac = vrf.macOf(targetIp);
      if (mac != null) return new ArpDecision.Proxy(mac, "known endpoint");
      if (vrf.hasRoute(targetIp)) return new ArpDecision.Proxy(GATEWAY_MAC, "routed endpoint");
    }
    return vrf.floodUnknown() ? new ArpDecision.Flood() : new ArpDecision.Drop("unknown address");
  }
}
