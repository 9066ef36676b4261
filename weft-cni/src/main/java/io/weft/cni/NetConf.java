package io.weft.cni;

import java.util.Map;

/**
 * The plugin's network configuration (stdin):
 *
 * <pre>{@code
 * {"cniVersion":"1.0.0","name":"weft","type":"weft-cni",
 *  "agent":"127.0.0.1:9091",          // the port API; also TF's contrail.vrouter-ip/-port
 *  "addressing":"static"|"dhcp",      // static: the plugin sets address and routes; dhcp: left to the pod's client
 *  "port":"web-1",                    // optional: the port (VirtualMachineInterface) to attach
 *  "interface":"tap"|"veth",          // tap: the agent's TAP moved into the pod; veth: a pair whose host end
 *                                     //   the agent attaches (needed by the reference bandwidth plugin)
 *  "pollRetries":20,"pollIntervalMs":100,"mtu":0}
 * }</pre>
 *
 * Without {@code port}, the port is named by CNI_ARGS {@code K8S_POD_NAMESPACE}/{@code K8S_POD_NAME}
 * ({@code <ns>__<pod>}, as the original plugin names containers), else {@code WEFT_PORT}.
 */
record NetConf(String cniVersion, String name, String agentHost, int agentPort, boolean dhcp, boolean veth, String port,
    int pollRetries, int pollIntervalMs, int mtu, Map<String, Object> raw) {

  @SuppressWarnings("unchecked")
  static NetConf parse(String text) {
    Map<String, Object> m = Json.object(text);
    String version = str(m, "cniVersion", "0.3.1");
    String host = "127.0.0.1";
    int port = 9091;
    Object agent = m.get("agent");
    if (agent instanceof String a) {
      int colon = a.lastIndexOf(':');
      host = colon < 0 ? a : a.substring(0, colon);
      if (colon >= 0) port = Integer.parseInt(a.substring(colon + 1));
    }
    if (m.get("contrail") instanceof Map<?, ?> c) {
      Map<String, Object> tf = (Map<String, Object>) c;
      host = str(tf, "vrouter-ip", host);
      if (tf.get("vrouter-port") instanceof Number n) port = n.intValue();
    }
    String addressing = str(m, "addressing", "static");
    if (!addressing.equals("static") && !addressing.equals("dhcp")) {
      throw new IllegalArgumentException("addressing must be static or dhcp, not " + addressing);
    }
    String iface = str(m, "interface", "tap");
    if (!iface.equals("tap") && !iface.equals("veth")) throw new IllegalArgumentException("interface must be tap or veth, not " + iface);
    return new NetConf(version, str(m, "name", "weft"), host, port, addressing.equals("dhcp"), iface.equals("veth"), str(m, "port", null),
        num(m, "pollRetries", 50), num(m, "pollIntervalMs", 100), num(m, "mtu", 0), m);
  }

  private static String str(Map<String, Object> m, String k, String dflt) {
    Object v = m.get(k);
    return v instanceof String s ? s : dflt;
  }

  private static int num(Map<String, Object> m, String k, int dflt) {
    Object v = m.get(k);
    return v instanceof Number n ? n.intValue() : dflt;
  }
}
