package io.weft.agent.services.dhcp;

import java.util.List;

/**
 * What the agent hands a port by DHCP (tungsten-fabric.md §5, agent dhcp_handler.cc):
 * yiaddr = the port's instance address; router and server identifier = the subnet gateway;
 * DNS = the subnet's DNS service address (or the configured servers). Addresses are IPv4
 * ints; {@code gateway} 0 means none (l2-only network), {@code mtu} 0 means not sent.
 */
public record DhcpBinding(int address, int prefixLength, int gateway, int serverId, List<Integer> dnsServers, String domain,
    int mtu, int leaseSeconds, String hostName) {
  public static final int DEFAULT_LEASE_SECONDS = 86_400;

  public DhcpBinding {
    if (prefixLength < 0 || prefixLength > 32) throw new IllegalArgumentException("prefix length " + prefixLength);
    dnsServers = List.copyOf(dnsServers);
    if (leaseSeconds <= 0) leaseSeconds = DEFAULT_LEASE_SECONDS;
  }
}
