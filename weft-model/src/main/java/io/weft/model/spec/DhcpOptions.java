package io.weft.model.spec;

import io.weft.model.IpAddresses;
import io.weft.model.Problems;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the vRouter's DHCP server tells ports beyond address and gateway: DNS servers
 * (default: the subnet's DNS/DHCP service address), search domain, MTU and static routes.
 */
public record DhcpOptions(List<String> dnsServers, String domain, Integer mtu, List<StaticRoute> staticRoutes) {
  public static final int MIN_MTU = 68; // RFC 791: every host must accept 68-octet datagrams
  public static final int MAX_MTU = 65535;
  private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");

  public DhcpOptions {
    dnsServers = Lists.copy(dnsServers);
    staticRoutes = Lists.copy(staticRoutes);
  }

  void validate(Problems p) {
    for (int i = 0; i < dnsServers.size(); i++) {
      String s = dnsServers.get(i);
      if (s == null) p.at("dnsServers").at(i).add("is required");
      else if (!IpAddresses.isValid(s)) p.at("dnsServers").at(i).add("'" + s + "' is not an IPv4 or IPv6 address");
    }
    if (domain != null && !DOMAIN.matcher(domain).matches()) p.add("domain", "'" + domain + "' is not a DNS domain name");
    if (mtu != null && (mtu < MIN_MTU || mtu > MAX_MTU)) p.add("mtu", mtu + " is outside " + MIN_MTU + ".." + MAX_MTU);
    for (int i = 0; i < staticRoutes.size(); i++) {
      StaticRoute r = staticRoutes.get(i);
      if (r == null) p.at("staticRoutes").at(i).add("is required");
      else r.validate(p.at("staticRoutes").at(i));
    }
  }
}
