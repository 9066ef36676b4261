package io.weft.model.spec;

import io.weft.model.IpAddresses;
import io.weft.model.Names;
import io.weft.model.Problems;

/**
 * Mirror matching packets to an analyzer: a service instance named {@code analyzer}, or a
 * fixed {@code address}, reached over UDP (default port 8099, as Contrail analyzers use).
 */
public record Mirror(String analyzer, String address, Integer udpPort) {
  public static final int DEFAULT_UDP_PORT = 8099;

  public Mirror {
    udpPort = udpPort == null ? DEFAULT_UDP_PORT : udpPort;
  }

  void validate(Problems p) {
    if (Lists.present(analyzer, address) == 0) p.add("one of analyzer, address is required");
    if (analyzer != null && Names.problem(analyzer) != null) p.add("analyzer", Names.problem(analyzer));
    if (address != null && !IpAddresses.isValid(address)) p.add("address", "'" + address + "' is not an IPv4 or IPv6 address");
    if (udpPort < 1 || udpPort > PortRange.MAX_PORT) p.add("udpPort", udpPort + " is outside 1.." + PortRange.MAX_PORT);
  }
}
