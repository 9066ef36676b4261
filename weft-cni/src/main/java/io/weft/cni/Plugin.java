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
 * ADD, DEL and CHECK against the agent's port API, following the original plugin
 * (tungsten-fabric.md §6): find the port's config ({@code GET /vm-cfg/<name>}), announce it
 * ({@code POST /vm}; the agent's dataplane creates the TAP device), wait until the agent
 * has bound it ({@code GET /vm/<vm>/<vmi>}), then move the TAP into the pod's namespace
 * under CNI_IFNAME with the port's MAC, and set its address and default route unless
 * addressing is left to DHCP.
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

  Map<String, Object> add() throws CniError {
    need("CNI_CONTAINERID");
    String netns = need("CNI_NETNS");
    String ifname = need("CNI_IFNAME");
    String name = portName();
    Map<String, Object> cfg = first(poll("GET", "/vm-cfg/" + enc(name), null, "the port config for " + name));
    String vmi = (String) cfg.get("id");
    String vm = vmUuidOf(name);
    String tap = tapName(vmi);
    Map<String, Object> vmAdd = new LinkedHashMap<>();
    vmAdd.put("time", java.time.Instant.now().toString());
    vmAdd.put("vm-id", env.getOrDefault("CNI_CONTAINERID", name));
    vmAdd.put("vm-uuid", vm);
    vmAdd.put("vm-name", name);
    vmAdd.put("host-ifname", tap);
    vmAdd.put("vm-ifname", ifname);
    vmAdd.put("vm-namespace", netns);
    vmAdd.put("vn-uuid", cfg.get("vn-id"));
    vmAdd.put("vmi-uuid", vmi);
    boolean existed = inNamespace(netns, ifname);
    if (conf.veth() && !existed) {
      Netlink.run(List.of("ip", "link", "add", tap, "type", "veth", "peer", "name", ifname, "netns", netns), null);
      Netlink.run(List.of("ip", "link", "set", "dev", tap, "up"), null);
    }
    AgentClient.Response r = call("POST", "/vm", Json.write(vmAdd));
    if (r.status() != 200) throw new CniError(CniError.AGENT_REFUSED, "the agent refused the port", r.body());
    Map<String, Object> port = first(poll("GET", "/vm/" + vm + "/" + vmi, null, "the agent to bind port " + name));
    String mac = (String) port.get("mac-address");
    String ip = (String) port.get("ip-address");
    Number plen = (Number) port.get("plen");
    String gw = (String) port.get("gateway");
    String dns = (String) port.get("dns-server");

    if (!existed) {
      List<String> batch = new ArrayList<>();
      if (!conf.veth()) {
        Netlink.run(List.of("ip", "link", "set", "dev", tap, "netns", netns), null);
        batch.add("link set dev " + tap + " name " + ifname);
      }
      if (mac != null) batch.add("link set dev " + ifname + " address " + mac);
      if (conf.mtu() > 0) batch.add("link set dev " + ifname + " mtu " + conf.mtu());
      batch.add("link set dev " + ifname + " up");
      if (!conf.dhcp() && ip != null) {
        batch.add("addr add " + ip + "/" + plen.intValue() + " dev " + ifname);
        if (gw != null) batch.add("route add default via " + gw + " dev " + ifname);
      }
      Netlink.inNetns(netns, batch);
    }

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

  void del() throws CniError {
    String name = portName();
    String vm = vmUuidOf(name);
    try {
      agent.call("DELETE", "/vm/" + vm, null);
    } catch (IOException e) {
      throw new CniError(CniError.TRY_AGAIN_LATER, "the agent's port API is unreachable", e.getMessage());
    }
    String netns = env.get("CNI_NETNS");
    String ifname = env.get("CNI_IFNAME");
    // DEL is idempotent: a missing namespace or interface is not an error.
    if (netns != null && !netns.isEmpty() && ifname != null && Files.exists(Path.of(netns)) && inNamespace(netns, ifname)) {
      try {
        Netlink.inNetns(netns, List.of("link del dev " + ifname));
      } catch (CniError e) {
        // gone meanwhile
      }
    }
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
    try {
      return agent.call(method, path, body);
    } catch (IOException e) {
      throw new CniError(CniError.TRY_AGAIN_LATER, "the agent's port API at " + conf.agentHost() + ":" + conf.agentPort()
          + " is unreachable", e.getMessage());
    }
  }

  /** Polls until 200, as the original plugin polls with poll-retries and poll-timeout. */
  private Object poll(String method, String path, String body, String what) throws CniError {
    AgentClient.Response last = null;
    IOException lastIo = null;
    for (int i = 0; i < conf.pollRetries(); i++) {
      try {
        last = agent.call(method, path, body);
        if (last.status() == 200) return Json.parse(last.body());
        if (last.status() != 404) break;
      } catch (IOException e) {
        lastIo = e;
      }
      try {
        Thread.sleep(conf.pollIntervalMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String details = last != null ? last.status() + " " + last.body() : lastIo != null ? lastIo.getMessage() : null;
    throw new CniError(CniError.TRY_AGAIN_LATER, "timed out waiting for " + what, details);
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
