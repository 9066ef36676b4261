package io.weft.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Route-target syntax {@code target:<asn>:<n>} or {@code target:<ipv4>:<n>} (RFC 4360
 * two-octet AS, IPv4 and four-octet AS specific forms).
 */
public final class RouteTargets {
  private static final Pattern FORM = Pattern.compile("target:([0-9.]+):([0-9]+)");

  private RouteTargets() {}

  public static String problem(String rt) {
    if (rt == null) return "is required";
    var m = FORM.matcher(rt);
    if (!m.matches()) return "'" + rt + "' is not a route target: expected target:<asn>:<number> or target:<ipv4>:<number>";
    String admin = m.group(1);
    long local;
    try {
      local = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return "'" + rt + "' has a number that is too large";
    }
    if (admin.contains(".")) {
      if (!admin.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") || !IpAddresses.isValid(admin)) return "'" + rt + "' has an invalid IPv4 administrator";
      return local > 0xffffL ? "'" + rt + "' has an assigned number above 65535 for an IPv4 administrator" : null;
    }
    long asn;
    try {
      asn = Long.parseLong(admin);
    } catch (NumberFormatException e) {
      return "'" + rt + "' has an AS number that is too large";
    }
    if (asn > 0xffffffffL) return "'" + rt + "' has an AS number above 4294967295";
    long maxLocal = asn > 0xffff ? 0xffffL : 0xffffffffL;
    return local > maxLocal ? "'" + rt + "' has an assigned number above " + maxLocal + " for that AS" : null;
  }

  public static void validateAll(List<String> rts, Problems problems) {
    for (int i = 0; i < rts.size(); i++) {
      String p = problem(rts.get(i));
      if (p != null) problems.at(i).add(p);
    }
  }
}
