package io.weft.agent.dataplane;

import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataplane with ports only: each port is a persistent TAP device made by iproute2, which
 * a forwarder can later open by name, and which the CNI plugin moves into the pod. It
 * forwards nothing; routes and VRFs are recorded for introspection. Used where the
 * forwarder is not wired (the port API and CNI tests) and as the agent's fallback.
 */
public final class KernelTaps implements Dataplane {
  private static final Logger LOG = LoggerFactory.getLogger(KernelTaps.class);
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, String> taps = new ConcurrentHashMap<>();

  @Override
  public void addPort(LocalPort port) throws IOException {
    String name = port.hostIfName();
    if (taps.containsKey(port.uuid())) return;
    // A device of that name already there is a veth the CNI plugin made: adopt it.
    if (!java.nio.file.Files.exists(java.nio.file.Path.of("/sys/class/net", name))) run(List.of("ip", "tuntap", "add", "dev", name, "mode", "tap"));
    taps.put(port.uuid(), name);
  }

  @Override
  public void portReady(LocalPort port) {
    // The pod side gets the port's MAC from the CNI plugin, inside the pod.
  }

  @Override
  public void removePort(LocalPort port) {
    String name = taps.remove(port.uuid());
    if (name == null) return;
    try {
      run(List.of("ip", "link", "del", "dev", name));
    } catch (IOException e) {
      LOG.debug("TAP {} gone already (moved into a namespace that was deleted): {}", name, e.getMessage());
    }
  }

  @Override
  public void addVrf(String vrf, long vni) {}

  @Override
  public void setRoute(String vrf, String prefix, Route route) {
    if (route == null) routes.remove(vrf + " " + prefix);
    else routes.put(vrf + " " + prefix, route);
  }

  @Override
  public void close() {
    for (String uuid : new ArrayList<>(taps.keySet())) {
      String name = taps.remove(uuid);
      try {
        run(List.of("ip", "link", "del", "dev", name));
      } catch (IOException e) {
        // moved into a pod namespace: it goes with the namespace
      }
    }
  }

  static void run(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + ": " + out.trim());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    }
  }
}
