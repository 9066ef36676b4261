package io.weft.model.spec;

import io.weft.model.Cidr;
import io.weft.model.IpAddresses;
import io.weft.model.Problems;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A subnet of a network or IPAM. By default the gateway is the first host address and the
 * DNS/DHCP service address the second (SYSTEM.md §1); either may be set explicitly.
 * Allocation pools restrict where instance addresses come from.
 */
public record Subnet(String cidr, String gateway, String dnsServer, List<AllocationPool> allocationPools, Boolean enableDhcp) {

  public Subnet {
    allocationPools = Lists.copy(allocationPools);
    // Absent means on: DHCP is how ports learn their address (SYSTEM.md §4).
    enableDhcp = enableDhcp == null ? Boolean.TRUE : enableDhcp;
  }

  public Subnet(String cidr) {
    this(cidr, null, null, List.of(), true);
  }

  // By hand, with the record's formula: generated ones go through method handles, which C1
  // code (the config role's, bin/lib.sh) does not inline; the compiler hashes subnets.
  @Override
  public boolean equals(Object o) {
    return o instanceof Subnet s && Objects.equals(cidr, s.cidr) && Objects.equals(gateway, s.gateway)
        && Objects.equals(dnsServer, s.dnsServer) && Objects.equals(allocationPools, s.allocationPools)
        && Objects.equals(enableDhcp, s.enableDhcp);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(cidr);
    h = h * 31 + Objects.hashCode(gateway);
    h = h * 31 + Objects.hashCode(dnsServer);
    h = h * 31 + Objects.hashCode(allocationPools);
    return h * 31 + Objects.hashCode(enableDhcp);
  }

  public Cidr parsedCidr() {
    return Cidr.parse(cidr);
  }

  /** The gateway address: explicit, or the first host address. */
  public InetAddress gatewayAddress() {
    return gateway != null ? IpAddresses.parse(gateway) : parsedCidr().addressAt(BigInteger.ONE);
  }

  /** The DNS/DHCP service address: explicit, or the second host address. */
  public InetAddress dnsServerAddress() {
    return dnsServer != null ? IpAddresses.parse(dnsServer) : parsedCidr().addressAt(BigInteger.TWO);
  }

  static void validateAll(List<Subnet> subnets, Problems problems) {
    List<Cidr> seen = new ArrayList<>();
    for (int i = 0; i < subnets.size(); i++) {
      Subnet s = subnets.get(i);
      Problems p = problems.at(i);
      if (s == null) {
        p.add("is required");
        continue;
      }
      Cidr cidr = s.validate(p);
      if (cidr == null) continue;
      for (Cidr other : seen) {
        if (cidr.overlaps(other)) p.add("cidr", "'" + cidr + "' overlaps " + other);
      }
      seen.add(cidr);
    }
  }

  /** Validates this subnet; returns its parsed CIDR, or null when the CIDR is invalid. */
  Cidr validate(Problems p) {
    Cidr parsed;
    try {
      parsed = Cidr.parse(cidr);
    } catch (IllegalArgumentException e) {
      p.add("cidr", e.getMessage());
      return null;
    }
    if (parsed.size().compareTo(BigInteger.valueOf(4)) < 0) {
      p.add("cidr", "'" + cidr + "' is too small: a subnet needs room for gateway, DNS and one address");
    }
    checkInside(parsed, gateway, p.at("gateway"));
    checkInside(parsed, dnsServer, p.at("dnsServer"));
    for (int i = 0; i < allocationPools.size(); i++) {
      AllocationPool pool = allocationPools.get(i);
      Problems pp = p.at("allocationPools").at(i);
      if (pool == null) {
        pp.add("is required");
        continue;
      }
      checkInside(parsed, pool.start(), pp.at("start"));
      checkInside(parsed, pool.end(), pp.at("end"));
      if (IpAddresses.isValid(pool.start()) && IpAddresses.isValid(pool.end())
          && IpAddresses.toBigInteger(IpAddresses.parse(pool.start()))
                  .compareTo(IpAddresses.toBigInteger(IpAddresses.parse(pool.end()))) > 0) {
        pp.add("start", "'" + pool.start() + "' is after end '" + pool.end() + "'");
      }
    }
    return parsed;
  }

  private static void checkInside(Cidr cidr, String address, Problems p) {
    if (address == null) return;
    if (!IpAddresses.isValid(address)) {
      p.add("'" + address + "' is not an IPv4 or IPv6 address");
    } else if (!cidr.contains(IpAddresses.parse(address))) {
      p.add("'" + address + "' is outside " + cidr);
    }
  }

  /** An inclusive range of addresses instance IPs are allocated from. */
  public record AllocationPool(String start, String end) {}
}
