package io.weft.forwarder;

import io.weft.forwarder.packet.MacAddress;
import java.net.InetAddress;
import java.util.List;

/**
 * A port (the original's vif of type VIRTUAL): the workload's MAC, the VRF it is in, its
 * addresses, and whether flows (policy) apply to traffic it sends or receives.
 */
public record PortSpec(String name, MacAddress mac, String vrf, List<InetAddress> addresses, boolean policyEnabled) {
  public PortSpec {
    addresses = List.copyOf(addresses);
  }
}
