package io.weft.agent.oper;

import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The derived config this host was sent: PortConfigs and RoutingInstances by wire name,
 * with the PortConfig's uid (the {@code vmi-uuid} of the port API) and project.
 * Concurrent maps; written by the config session's reader thread (or a test / the
 * Nova-style API), read by everyone.
 */
public final class ConfigTable {
  /** A PortConfig as received. */
  public record PortEntry(String name, String project, String port, String uid, PortConfigSpec spec) {}

  private final Map<String, PortEntry> ports = new ConcurrentHashMap<>();
  private final Map<String, RoutingInstanceSpec> instances = new ConcurrentHashMap<>();

  public void putPort(PortEntry e) {
    ports.put(e.name(), e);
  }

  public PortEntry removePort(String name) {
    return ports.remove(name);
  }

  public PortEntry port(String name) {
    return ports.get(name);
  }

  public PortEntry portByUid(String uid) {
    for (PortEntry e : ports.values()) if (uid.equals(e.uid())) return e;
    return null;
  }

  public java.util.List<PortEntry> ports() {
    return java.util.List.copyOf(ports.values());
  }

  public void putInstance(String name, RoutingInstanceSpec spec) {
    instances.put(name, spec);
  }

  public void removeInstance(String name) {
    instances.remove(name);
  }

  public RoutingInstanceSpec instance(String name) {
    return instances.get(name);
  }
}
