package io.weft.model;

import java.util.regex.Pattern;

/** Ethernet MAC addresses as written in specs: six colon-separated hex octets. */
public final class MacAddresses {
  private static final Pattern FORM = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

  private MacAddresses() {}

  /** The problem with {@code mac} as a port's (unicast) address, or null when it is valid. */
  public static String problem(String mac) {
    if (mac == null || mac.isBlank()) return "is required";
    if (!FORM.matcher(mac).matches()) return "'" + mac + "' is not a MAC address: expected xx:xx:xx:xx:xx:xx";
    // IEEE 802: the least significant bit of the first octet marks group (multicast/broadcast) addresses.
    if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) return "'" + mac + "' is a multicast address; a port needs a unicast one";
    if (mac.equals("00:00:00:00:00:00")) return "'" + mac + "' is the all-zero address";
    return null;
  }
}
