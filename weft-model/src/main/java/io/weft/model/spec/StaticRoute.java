package io.weft.model.spec;

import io.weft.model.Cidr;
import io.weft.model.IpAddresses;
import io.weft.model.Problems;

/** A route handed to ports by DHCP (RFC 3442 classless static route option). */
public record StaticRoute(String prefix, String nextHop) {
  void validate(Problems p) {
    Cidr cidr = null;
    if (p.require("prefix", prefix)) {
      try {
        cidr = Cidr.parse(prefix);
      } catch (IllegalArgumentException e) {
        p.add("prefix", e.getMessage());
      }
    }
    if (p.require("nextHop", nextHop)) {
      if (!IpAddresses.isValid(nextHop)) p.add("nextHop", "'" + nextHop + "' is not an IPv4 or IPv6 address");
      else if (cidr != null && cidr.isIpv6() != (IpAddresses.parse(nextHop).getAddress().length == 16)) {
        p.add("nextHop", "'" + nextHop + "' is not of the same family as " + cidr);
      }
    }
  }
}
