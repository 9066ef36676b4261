package io.weft.agent.oper;

/**
 * Wire names shared with the control node (weft-control's {@code Vrfs}): instances are
 * {@code default-domain:<project>:<vn>:<vn>}, port configs {@code default-domain:<project>:<port>},
 * networks on routes {@code default-domain:<project>:<vn>}. Weft has no domains.
 */
public final class Names {
  public static final String DOMAIN = "default-domain";

  private Names() {}

  /** The instance of network {@code project/name}. */
  public static String vrfOf(String qualifiedNetwork) {
    int slash = qualifiedNetwork.indexOf('/');
    String p = qualifiedNetwork.substring(0, slash);
    String n = qualifiedNetwork.substring(slash + 1);
    return DOMAIN + ":" + p + ":" + n + ":" + n;
  }

  /** The fq-name of network {@code project/name}, as routes carry it in {@code virtual-network}. */
  public static String vnOf(String qualifiedNetwork) {
    return DOMAIN + ":" + qualifiedNetwork.replace('/', ':');
  }

  /** {@code project/name} from a VN fq-name or an instance name; null if neither. */
  public static String networkOf(String fqName) {
    if (fqName == null) return null;
    String[] p = fqName.split(":");
    if (p.length >= 3 && p[0].equals(DOMAIN)) return p[1] + "/" + p[2];
    return fqName.contains("/") ? fqName : null;
  }

  public static String portConfigName(String project, String port) {
    return DOMAIN + ":" + project + ":" + port;
  }

  public static String virtualRouterNode(String host) {
    return "virtual-router:default-global-system-config:" + host;
  }
}
