package io.weft.control.config;

import io.weft.model.ResourceKey;
import io.weft.model.derived.PortConfigSpec;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which ports each host has and which hosts use each routing instance, kept up to date as
 * ports come and go, so a routing instance's change and an agent's request do not scan
 * every port (with 20,000 ports that scan was most of the control node's CPU while networks
 * were being created). Not thread-safe: {@link ConfigIndex} holds its lock around every call.
 */
final class HostIndex {
  private final Map<String, Set<ResourceKey>> portsByHost = new HashMap<>();
  /** Qualified routing instance ({@code project/name}) → host → how many of its ports use it. */
  private final Map<String, Map<String, Integer>> hostsByInstance = new HashMap<>();

  void add(ResourceKey port, PortConfigSpec spec) {
    String host = spec.virtualRouter();
    if (host == null) return;
    portsByHost.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(port);
    for (String ri : instancesOf(spec)) hostsByInstance.computeIfAbsent(ri, r -> new HashMap<>()).merge(host, 1, Integer::sum);
  }

  void remove(ResourceKey port, PortConfigSpec spec) {
    String host = spec.virtualRouter();
    if (host == null) return;
    Set<ResourceKey> ports = portsByHost.get(host);
    if (ports != null && ports.remove(port) && ports.isEmpty()) portsByHost.remove(host);
    for (String ri : instancesOf(spec)) {
      Map<String, Integer> hosts = hostsByInstance.get(ri);
      if (hosts == null) continue;
      hosts.computeIfPresent(host, (h, n) -> n == 1 ? null : n - 1);
      if (hosts.isEmpty()) hostsByInstance.remove(ri);
    }
  }

  /** The hosts with a port in {@code qualifiedInstance}. */
  Set<String> hostsUsing(String qualifiedInstance) {
    Map<String, Integer> hosts = hostsByInstance.get(qualifiedInstance);
    return hosts == null ? Set.of() : Set.copyOf(hosts.keySet());
  }

  /** The ports bound to {@code host}, in the order they arrived. */
  Set<ResourceKey> portsOf(String host) {
    return portsByHost.getOrDefault(host, Set.of());
  }

  /** The instances a port uses: its own and any others it is in, each once. */
  private static Set<String> instancesOf(PortConfigSpec spec) {
    Set<String> out = new LinkedHashSet<>(spec.routingInstances());
    if (spec.routingInstance() != null) out.add(spec.routingInstance());
    return out;
  }
}
