package io.weft.agent.services.arp;

/** One VRF as the ARP proxy sees it. Implementations are thread-safe snapshots or concurrent maps. */
public interface ArpView {
  /** Whether {@code address} is a gateway or DNS service address of one of the VRF's subnets. */
  boolean isServiceAddress(String address);

  /** The MAC of the endpoint holding {@code address} in the VRF (a local port or a route with a MAC), or null. */
  String macOf(String address);

  /** Whether the VRF has a route to {@code address} (/32 of a remote endpoint), even without its MAC. */
  boolean hasRoute(String address);

  /** The network's {@code floodUnknownUnicast}. */
  boolean floodUnknown();
}
