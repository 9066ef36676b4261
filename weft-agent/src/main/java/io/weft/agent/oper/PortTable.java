package io.weft.agent.oper;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Local ports by VMI uuid. A concurrent map; a port record is replaced whole, never mutated. */
public final class PortTable {
  private final Map<String, LocalPort> byUuid = new ConcurrentHashMap<>();

  public LocalPort get(String uuid) {
    return byUuid.get(uuid);
  }

  public void put(LocalPort p) {
    byUuid.put(p.uuid(), p);
  }

  public LocalPort remove(String uuid) {
    return byUuid.remove(uuid);
  }

  public Collection<LocalPort> all() {
    return List.copyOf(byUuid.values());
  }

  public List<LocalPort> ofVm(String vmUuid) {
    return byUuid.values().stream().filter(p -> vmUuid.equals(p.vmUuid())).sorted(java.util.Comparator.comparing(LocalPort::uuid))
        .toList();
  }

  public LocalPort byConfigName(String configName) {
    for (LocalPort p : byUuid.values()) if (configName.equals(p.configName())) return p;
    return null;
  }

  /** The ready port holding MPLS label {@code label}, or null. */
  public LocalPort byLabel(long label) {
    for (LocalPort p : byUuid.values()) if (p.ready() && p.label() == label) return p;
    return null;
  }

  public LocalPort byAddress(String address) {
    for (LocalPort p : byUuid.values()) {
      if (p.config() == null) continue;
      for (var a : p.config().addresses()) if (a.address().equals(address)) return p;
    }
    return null;
  }
}
