package io.weft.control.config;

/**
 * Routing-instance names on the wire. TF names a network's primary instance by its fq-name
 * plus the network name again ({@code default-domain:<project>:<vn>:<vn>}); Weft keeps that
 * form so an agent written to TF's schema finds what it expects. Weft has no domains, so the
 * domain is always {@code default-domain}.
 */
public final class Vrfs {
  public static final String DOMAIN = "default-domain";

  private Vrfs() {}

  /** The instance name of network {@code project/network}. */
  public static String name(String project, String network) {
    return DOMAIN + ":" + project + ":" + network + ":" + network;
  }

  /** The instance name of a {@code project/name} reference as PortConfigSpec writes it. */
  public static String ofQualified(String qualified) {
    int slash = qualified.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("'" + qualified + "' is not project/name");
    return name(qualified.substring(0, slash), qualified.substring(slash + 1));
  }

  /** The config-node name TF's agent subscribes to for its host's config. */
  public static String virtualRouterNode(String host) {
    return "virtual-router:default-global-system-config:" + host;
  }

  /** The host of a {@link #virtualRouterNode} name, or null. */
  public static String hostOfNode(String node) {
    String prefix = "virtual-router:default-global-system-config:";
    return node != null && node.startsWith(prefix) && node.length() > prefix.length() ? node.substring(prefix.length()) : null;
  }

  /** A port config's name on the wire: {@code default-domain:<project>:<port>}. */
  public static String portName(String project, String port) {
    return DOMAIN + ":" + project + ":" + port;
  }
}
