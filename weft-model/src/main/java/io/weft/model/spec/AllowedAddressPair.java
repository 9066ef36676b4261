package io.weft.model.spec;

import io.weft.model.Cidr;
import io.weft.model.IpAddresses;
import io.weft.model.MacAddresses;
import io.weft.model.Problems;

/**
 * An extra address (or prefix) a port may send from and receive for, e.g. a VRRP virtual
 * IP; {@code mac} defaults to the port's own. The vRouter publishes it as a route of the port.
 */
public record AllowedAddressPair(String ip, String mac, AddressPairMode mode) {
  public AllowedAddressPair {
    mode = mode == null ? AddressPairMode.ACTIVE_ACTIVE : mode;
  }

  /** The pair's prefix: a CIDR as written, or a host prefix (/32, /128) for a bare address. */
  public Cidr prefix() {
    if (ip.contains("/")) return Cidr.parse(ip);
    var address = IpAddresses.parse(ip);
    return new Cidr(address, address.getAddress().length * 8);
  }

  void validate(Problems p) {
    if (p.require("ip", ip)) {
      try {
        prefix();
      } catch (IllegalArgumentException e) {
        p.add("ip", e.getMessage());
      }
    }
    if (mac != null) {
      String problem = MacAddresses.problem(mac);
      if (problem != null) p.add("mac", problem);
    }
  }
}
