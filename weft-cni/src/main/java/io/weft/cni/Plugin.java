package io.weft.cni;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ADD, DEL and CHECK against the agent's port API. The original plugin (tungsten-fabric.md §6)
 * finds the port's config, announces it, polls until the agent has bound it and sets up the
 * pod's interface itself; here ADD is one {@code POST /cni/add} and the agent does all of that
 * (the TAP made in the pod as CNI_IFNAME with the port's MAC, its address and default route
 * unless addressing is left to DHCP), so this short-lived process only asks and answers.
 */
final class Plugin {
  private final NetConf conf;
  private final Map<String, String> env;
  private final AgentClient agent;

  Plugin(NetConf conf, Map<String, String> env) {
    this.conf = conf;
    this.env = env;
    this.agent = new AgentClient(conf.agentHost(), conf.agentPort(), 2000);
  }

  private String need(String var) throws CniError {
    String v = env.get(var);
    if (v == null || v.isEmpty()) throw new CniError(CniError.INVALID_ENVIRONMENT, var + " is not set", null);
    return v;
  }

  /** The port's name: the configuration's, else the pod's {@code <ns>__<pod>}, else WEFT_PORT, else the container id. */
  String portName() throws CniError {
    if (conf.port() != null) return conf.port();
    Map<String, String> args = new LinkedHashMap<>();
    String raw = env.getOrDefault("CNI_ARGS", "");
    for (String kv : raw.split(";")) {
      int eq = kv.indexOf('=');
      if (eq > 0) args.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    if (args.containsKey("K8S_POD_NAME")) return args.getOrDefault("K8S_POD_NAMESPACE", "default") + "__" + args.get("K8S_POD_NAME");
    if (args.containsKey("WEFT_PORT")) return args.get("WEFT_PORT");
    return need("CNI_CONTAINERID");
  }

  static String vmUuidOf(String vmName) {
    return UUID.nameUUIDFromBytes(("weft-vm:" + vmName).getBytes(StandardCharsets.UTF_8)).toString();
  }

  static String tapName(String vmiUuid) {
    String hex = vmiUuid.replace("-", "");
    return "tap" + hex.substring(0, Math.min(11, hex.length()));
  }

  /**
   * One request to the agent ({@code POST /cni/add}): it waits for the port's config and
   * binding and sets up the pod's interface itself (rtnetlink), so this process neither polls
   * nor runs {@code ip} — except in veth mode, where the plugin makes the pair first.
   */
  Map<String, Object> add() throws CniError {
    String containerId = need("CNI_CONTAINERID");
    String netns = need("CNI_NETNS");
    String ifname = need("CNI_IFNAME");
    String name = portName();
    long waitMs = (long) conf.pollRetries() * conf.pollIntervalMs();
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("vm-name", name);
    req.put("container-id", containerId);
    req.put("netns", netns);
    req.put("ifname", ifname);
    req.put("interface", conf.veth() ? "veth" : "tap");
    req.put("addressing", conf.dhcp() ? "dhcp" : "static");
    req.put("mtu", conf.mtu());
    req.put("wait-ms", waitMs);
    String tap = null;
    if (conf.veth()) {
      AgentClient.Response c = call("GET", "/vm-cfg/" + enc(name) + "?wait=" + waitMs, null, waitMs);
      if (c.status() == 404) throw new CniError(CniError.TRY_AGAIN_LATER, "timed out waiting for the port config for " + name, c.body());
      if (c.status() != 200) throw new CniError(CniError.AGENT_REFUSED, "the agent refused the port", c.body());
      tap = tapName((String) first(Json.parse(c.body())).get("id"));
      if (!inNamespace(netns, ifname)) {
        Netlink.run(List.of("ip", "link", "add", tap, "type", "veth", "peer", "name", ifname, "netns", netns), null);
        Netlink.run(List.of("ip", "link", "set", "dev", tap, "up"), null);
      }
      req.put("host-ifname", tap);
    }
    AgentClient.Response r = call("POST", "/cni/add", Json.write(req), waitMs);
    if (r.status() == 404) throw new CniError(CniError.TRY_AGAIN_LATER, "timed out waiting for the agent to bind port " + name, r.body());
    if (r.status() != 200) throw new CniError(CniError.AGENT_REFUSED, "the agent could not attach the port", r.body());
    Map<String, Object> port = first(Json.parse(r.body()));
    if (tap == null) tap = (String) port.get("host-ifname");
    String mac = (String) port.get("mac-address");
    String ip = (String) port.get("ip-address");
    Number plen = (Number) port.get("plen");
    String gw = (String) port.get("gateway");
    String dns = (String) port.get("dns-server");

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("cniVersion", conf.cniVersion());
    Map<String, Object> iface = new LinkedHashMap<>();
    iface.put("name", ifname);
    iface.put("mac", mac);
    iface.put("sandbox", netns);
    List<Object> interfaces = new ArrayList<>();
    if (conf.veth()) {
      Map<String, Object> host = new LinkedHashMap<>();
      host.put("name", tap);
      interfaces.add(host);
    }
    interfaces.add(iface);
    result.put("interfaces", interfaces);
    List<Object> ips = new ArrayList<>();
    if (ip != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      if (conf.cniVersion().startsWith("0.3")) e.put("version", "4");
      e.put("address", ip + "/" + plen.intValue());
      if (gw != null) e.put("gateway", gw);
      e.put("interface", interfaces.size() - 1);
      ips.add(e);
    }
    result.put("ips", ips);
    List<Object> routes = new ArrayList<>();
    if (gw != null) routes.add(Map.of("dst", "0.0.0.0/0", "gw", gw));
    result.put("routes", routes);
    Map<String, Object> dnsOut = new LinkedHashMap<>();
    if (dns != null) dnsOut.put("nameservers", List.of(dns));
    result.put("dns", dnsOut);
    return result;
  }

  /** Idempotent: the agent forgets the port and deletes the pod's interface if either is still there. */
  void del() throws CniError {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("vm-name", portName());
    String netns = env.get("CNI_NETNS");
    if (netns != null && !netns.isEmpty()) req.put("netns", netns);
    String ifname = env.get("CNI_IFNAME");
    if (ifname != null && !ifname.isEmpty()) req.put("ifname", ifname);
    AgentClient.Response r = call("POST", "/cni/del", Json.write(req), 0);
    if (r.status() != 200) throw new CniError(CniError.IO_FAILURE, "the agent could not remove the port", r.body());
  }

  void check() throws CniError {
    String netns = need("CNI_NETNS");
    String ifname = need("CNI_IFNAME");
    if (!(conf.raw().get("prevResult") instanceof Map<?, ?>)) {
      throw new CniError(CniError.INVALID_NETCONF, "CHECK needs prevResult", null);
    }
    String name = portName();
    String vm = vmUuidOf(name);
    AgentClient.Response r = call("GET", "/vm/" + vm, null);
    if (r.status() != 200) throw new CniError(CniError.UNKNOWN_CONTAINER, "the agent has no ready port for " + name, r.body());
    Map<String, Object> port = first(Json.parse(r.body()));
    if (!inNamespace(netns, ifname)) throw new CniError(CniError.UNKNOWN_CONTAINER, ifname + " is missing in " + netns, null);
    String link = Netlink.output(netns, List.of("ip", "-o", "link", "show", "dev", ifname));
    String mac = (String) port.get("mac-address");
    if (mac != null && !link.toLowerCase(java.util.Locale.ROOT).contains(mac.toLowerCase(java.util.Locale.ROOT))) {
      throw new CniError(CniError.IO_FAILURE, ifname + " does not have MAC " + mac, link.trim());
    }
    if (!conf.dhcp() && port.get("ip-address") != null) {
      String addrs = Netlink.output(netns, List.of("ip", "-o", "addr", "show", "dev", ifname));
      String want = port.get("ip-address") + "/" + ((Number) port.get("plen")).intValue();
      if (!addrs.contains(want)) throw new CniError(CniError.IO_FAILURE, ifname + " does not have " + want, addrs.trim());
    }
  }

  private boolean inNamespace(String netns, String ifname) {
    try {
      Netlink.output(netns, List.of("ip", "link", "show", "dev", ifname));
      return true;
    } catch (CniError e) {
      return false;
    }
  }

  private AgentClient.Response call(String method, String path, String body) throws CniError {
    return call(method, path, body, 0);
  }

  /** A call that may wait {@code waitMs} on the agent's side before it answers. */
  private AgentClient.Response call(String method, String path, String body, long waitMs) throws CniError {
    try {
      return agent.call(method, path, body, (int) Math.min(Integer.MAX_VALUE, 2000 + waitMs));
    } catch (IOException e) {
      throw new CniError(CniError.TRY_AGAIN_LATER, "the agent's port API at " + conf.agentHost() + ":" + conf.agentPort()
          + " is unreachable", e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> first(Object o) throws CniError {
    if (o instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof Map<?, ?> m) return (Map<String, Object>) m;
    if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new CniError(CniError.DECODE_FAILURE, "unexpected answer from the agent", String.valueOf(o));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
