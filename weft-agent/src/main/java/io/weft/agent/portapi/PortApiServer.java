package io.weft.agent.portapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.weft.agent.Agent;
import io.weft.agent.dataplane.PodInterfaces;
import io.weft.agent.oper.ConfigTable;
import io.weft.agent.oper.LocalPort;
import io.weft.model.derived.PortConfigSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The agent's port API (default 127.0.0.1:9091), the original agent's port-IPC REST
 * endpoints (tungsten-fabric.md §5, port_ipc/rest_server.cc) with their JSON field names:
 *
 * <ul>
 *   <li>{@code POST /vm} {@code {time, vm-id, vm-uuid, vm-name, host-ifname, vm-ifname,
 *       vm-namespace, vn-uuid, vmi-uuid}}: a container port; the agent creates its TAP
 *       device {@code host-ifname} at once.
 *   <li>{@code GET /vm/<vm-uuid>[/<vmi-uuid>]}: the VM's ports {@code [{id, instance-id,
 *       vn-id, vm-project-id, mac-address, system-name, rx-vlan-id, tx-vlan-id, ip-address,
 *       plen, gateway, dns-server, v6-*}]}; until the port's config is known, 404 with
 *       {@code "... Retry"}, as the original.
 *   <li>{@code DELETE /vm/<vm-uuid>}: removes the VM's ports (idempotent).
 *   <li>{@code GET /vm-cfg/<name>}: the configs known for a VM or port name:
 *       {@code [{id, vm-uuid, vn-id, vn-name, mac-address, sub-interface, vlan-id, annotations[]}]}.
 *   <li>{@code POST /port} {@code {id, instance-id, display-name, ip-address, vn-id,
 *       vm-project-id, mac-address, system-name, ...}} (Nova style), {@code GET/DELETE /port/<uuid>}.
 * </ul>
 * Weft's own endpoints for its CNI plugin, each one request per CNI command so the plugin
 * neither polls nor runs {@code ip}:
 * <ul>
 *   <li>{@code POST /cni/add} {@code {vm-name, container-id, netns, ifname, host-ifname?,
 *       interface: tap|veth, addressing: static|dhcp, mtu, wait-ms}}: waits (up to
 *       {@code wait-ms}, default 5000) for the port's config, attaches the port (its TAP made
 *       inside {@code netns} as {@code ifname}; a veth end is moved there), waits until it is
 *       bound, then sets MAC, MTU, address and default route in the pod (rtnetlink); answers the
 *       {@code GET /vm} entry plus {@code host-ifname} and {@code stages-us} (microseconds
 *       waiting for the config, creating the port, waiting for its binding, setting up the pod).
 *       404 with "Retry" when the config or binding did not come in time.
 *   <li>{@code POST /cni/del} {@code {vm-name, netns, ifname}}: removes the VM's ports and the
 *       pod's interface; idempotent.
 * </ul>
 * Weft has no VirtualMachine resource: a VM is named by its name, and its uuid is the
 * name-based UUID of that name unless the caller gives one.
 */
public final class PortApiServer implements AutoCloseable {
  private final Javalin app;
  private final Agent agent;
  private final ObjectMapper json = new ObjectMapper();

  private PortApiServer(Agent agent, Javalin app) {
    this.agent = agent;
    this.app = app;
  }

  public static PortApiServer start(Agent agent, InetSocketAddress at) {
    Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
    PortApiServer s = new PortApiServer(agent, app);
    app.post("/vm", s::addVm);
    app.get("/vm/{vm}", ctx -> s.getVm(ctx, ctx.pathParam("vm"), null));
    app.get("/vm/{vm}/{vmi}", ctx -> s.getVm(ctx, ctx.pathParam("vm"), ctx.pathParam("vmi")));
    app.delete("/vm/{vm}", s::deleteVm);
    app.get("/vm-cfg/{name}", s::vmConfig);
    app.post("/port", s::addPort);
    app.post("/cni/add", s::cniAdd);
    app.post("/cni/del", s::cniDel);
    app.get("/port/{uuid}", s::getPort);
    app.delete("/port/{uuid}", s::deletePort);
    app.exception(IllegalArgumentException.class, (e, ctx) -> s.error(ctx, 400, e.getMessage()));
    app.exception(IOException.class, (e, ctx) -> s.error(ctx, 500, e.getMessage()));
    app.exception(InterruptedException.class, (e, ctx) -> s.error(ctx, 503, "interrupted. Retry"));
    app.start(at.getHostString(), at.getPort());
    return s;
  }

  public int port() {
    return app.port();
  }

  /** The uuid Weft gives a VM known only by name. */
  public static String vmUuidOf(String vmName) {
    return UUID.nameUUIDFromBytes(("weft-vm:" + vmName).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The TAP name of a port: {@code tap} and the first 11 hex digits of its uuid (IFNAMSIZ 16). */
  public static String tapName(String vmiUuid) {
    String hex = vmiUuid.replace("-", "");
    return "tap" + hex.substring(0, Math.min(11, hex.length()));
  }

  private void cniAdd(Context ctx) throws IOException, InterruptedException {
    JsonNode b = body(ctx);
    String name = text(b, "vm-name", true);
    String netns = text(b, "netns", true);
    String ifname = text(b, "ifname", true);
    boolean veth = "veth".equals(text(b, "interface", false));
    boolean dhcp = "dhcp".equals(text(b, "addressing", false));
    int mtu = b.path("mtu").asInt(0);
    long start = System.nanoTime();
    long deadline = start + b.path("wait-ms").asLong(5000) * 1_000_000;
    ConfigTable.PortEntry e = agent.awaitConfig(name, left(deadline));
    long configured = System.nanoTime();
    if (e == null || e.uid() == null) {
      error(ctx, 404, "no config for " + name + ". Retry");
      return;
    }
    String tap = text(b, "host-ifname", false);
    if (tap == null) tap = tapName(e.uid());
    // A TAP is made in the pod itself where the dataplane can; PodInterfaces moves it otherwise.
    LocalPort p = agent.addPort(e.uid(), vmUuidOf(name), name, tap, ifname, netns, !veth);
    long added = System.nanoTime();
    p = agent.awaitReady(e.uid(), left(deadline));
    long bound = System.nanoTime();
    if (p == null || !p.ready()) {
      error(ctx, 404, "port " + name + " is not bound yet. Retry");
      return;
    }
    PortConfigSpec.Address a = p.primary();
    boolean v4 = a != null && !a.address().contains(":");
    PodInterfaces.attach(new PodInterfaces.Setup(p.hostIfName(), !veth, netns, ifname, p.config().macAddress(), mtu,
        dhcp || !v4 ? null : a.address(), v4 ? a.prefixLength() : 0, v4 ? a.gateway() : null));
    ObjectNode answer = vmEntry(p).put("host-ifname", p.hostIfName());
    // Where this ADD's time went, for bench/dataplane/cni and for an operator chasing a slow pod start.
    answer.putObject("stages-us").put("config", micros(start, configured)).put("port", micros(configured, added))
        .put("bound", micros(added, bound)).put("pod", micros(bound, System.nanoTime()));
    ctx.json(answer);
  }

  private static long micros(long from, long to) {
    return (to - from) / 1_000;
  }

  private static long left(long deadline) {
    return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
  }

  private void cniDel(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    String name = text(b, "vm-name", true);
    String vm = vmUuidOf(name);
    ArrayNode a = json.createArrayNode();
    for (LocalPort p : agent.ports().ofVm(vm)) {
      agent.removePort(p.uuid());
      a.add(p.uuid());
    }
    boolean removed = PodInterfaces.remove(text(b, "netns", false), text(b, "ifname", false));
    ObjectNode out = json.createObjectNode().put("vm-uuid", vm).put("interface-removed", removed);
    out.set("removed", a);
    ctx.json(out);
  }

  private JsonNode body(Context ctx) {
    try {
      JsonNode n = json.readTree(ctx.body());
      if (n == null || !n.isObject()) throw new IllegalArgumentException("body: a JSON object is required");
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException("body: " + e.getMessage());
    }
  }

  private static String text(JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      if (required) throw new IllegalArgumentException(field + ": is required");
      return null;
    }
    return v.asText();
  }

  private void addVm(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    String vmName = text(b, "vm-name", false);
    String vmUuid = text(b, "vm-uuid", false);
    if (vmUuid == null) vmUuid = vmName == null ? null : vmUuidOf(vmName);
    if (vmUuid == null) throw new IllegalArgumentException("vm-uuid: is required (or vm-name)");
    String vmi = text(b, "vmi-uuid", true);
    String hostIf = text(b, "host-ifname", true);
    LocalPort p = agent.addPort(vmi, vmUuid, vmName, hostIf, text(b, "vm-ifname", false), text(b, "vm-namespace", false));
    ctx.status(200).json(vmEntry(p));
  }

  private void getVm(Context ctx, String vm, String vmi) {
    List<LocalPort> ps = agent.ports().ofVm(vm);
    if (vmi != null) ps = ps.stream().filter(p -> p.uuid().equals(vmi)).toList();
    if (ps.isEmpty()) {
      error(ctx, 404, "VM " + vm + (vmi == null ? "" : " interface " + vmi) + " not found. Retry");
      return;
    }
    ArrayNode a = json.createArrayNode();
    for (LocalPort p : ps) {
      if (!p.ready()) {
        error(ctx, 404, "VM " + vm + " interface " + p.uuid() + " has no config yet. Retry");
        return;
      }
      a.add(vmEntry(p));
    }
    ctx.json(a);
  }

  private ObjectNode vmEntry(LocalPort p) {
    ObjectNode o = json.createObjectNode().put("id", p.uuid()).put("instance-id", p.vmUuid()).put("system-name", p.hostIfName())
        .put("rx-vlan-id", -1).put("tx-vlan-id", -1).put("vm-name", p.vmName()).put("ready", p.ready());
    PortConfigSpec c = p.config();
    if (c == null) return o;
    o.put("vn-id", c.routingInstance()).put("vm-project-id", p.project()).put("mac-address", c.macAddress())
        .put("vn-name", c.routingInstance()).put("vrf", Agent.vrfOf(c)).put("mpls-label", p.label());
    PortConfigSpec.Address a = p.primary();
    if (a != null && !a.address().contains(":")) {
      o.put("ip-address", a.address()).put("plen", a.prefixLength()).put("gateway", a.gateway()).put("dns-server", a.dnsServer());
    }
    PortConfigSpec.Address v6 = p.primaryV6();
    if (v6 != null) {
      o.put("v6-ip-address", v6.address()).put("v6-plen", v6.prefixLength()).put("v6-gateway", v6.gateway())
          .put("v6-dns-server", v6.dnsServer());
    }
    return o;
  }

  private void deleteVm(Context ctx) {
    String vm = ctx.pathParam("vm");
    ArrayNode a = json.createArrayNode();
    for (LocalPort p : agent.ports().ofVm(vm)) {
      agent.removePort(p.uuid());
      a.add(p.uuid());
    }
    ctx.json(json.createObjectNode().put("vm-uuid", vm).set("removed", a));
  }

  private void vmConfig(Context ctx) throws InterruptedException {
    String name = ctx.pathParam("name");
    // Weft extension: ?wait=<ms> answers as soon as the config is known instead of a 404 to retry.
    String wait = ctx.queryParam("wait");
    if (wait != null) agent.awaitConfig(name, Math.min(30_000, Long.parseLong(wait)));
    ArrayNode a = json.createArrayNode();
    for (ConfigTable.PortEntry e : agent.config().ports()) {
      boolean match = name.equals(e.port()) || name.equals(e.project() + "__" + e.port()) || name.equals(e.name());
      if (!match) continue;
      PortConfigSpec c = e.spec();
      a.addObject().put("id", e.uid()).put("vm-uuid", vmUuidOf(name)).put("vm-name", name).put("vn-id", c.routingInstance())
          .put("vn-name", c.routingInstance()).put("mac-address", c.macAddress()).put("sub-interface", false).put("vlan-id", -1)
          .put("vm-project-id", e.project()).putArray("annotations");
    }
    if (a.isEmpty()) {
      error(ctx, 404, "no config for " + name + ". Retry");
      return;
    }
    ctx.json(a);
  }

  private void addPort(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    String id = text(b, "id", true);
    String vm = text(b, "instance-id", true);
    String tap = text(b, "system-name", true);
    LocalPort p = agent.addPort(id, vm, text(b, "display-name", false), tap, null, null);
    ctx.json(vmEntry(p));
  }

  private void getPort(Context ctx) {
    LocalPort p = agent.ports().get(ctx.pathParam("uuid"));
    if (p == null) error(ctx, 404, "port " + ctx.pathParam("uuid") + " not found");
    else ctx.json(vmEntry(p));
  }

  private void deletePort(Context ctx) {
    LocalPort p = agent.removePort(ctx.pathParam("uuid"));
    ctx.json(json.createObjectNode().put("id", ctx.pathParam("uuid")).put("removed", p != null));
  }

  private void error(Context ctx, int status, String message) {
    ctx.status(status).json(json.createObjectNode().put("error", message));
  }

  @Override
  public void close() {
    app.stop();
  }
}
