package io.weft.agent.oper;

import io.weft.model.derived.PortConfigSpec;

/**
 * A port attached on this host: what the port API was told (VM, interface names) joined
 * with its PortConfig once known. {@code config} is null until the control node (or a
 * Nova-style {@code POST /port}) has supplied it; the port is {@link #ready()} only then.
 *
 * @param uuid the VirtualMachineInterface id the port API uses ({@code vmi-uuid})
 * @param configName the PortConfig's wire name {@code default-domain:<project>:<port>}
 * @param label the MPLS label allocated for it, 0 until ready
 */
public record LocalPort(String uuid, String vmUuid, String vmName, String hostIfName, String vmIfName, String vmNamespace,
    String configName, String project, PortConfigSpec config, long label) {

  public boolean ready() {
    return config != null && label != 0;
  }

  /** The port's first address entry (its primary IPv4 where it has one), or null. */
  public PortConfigSpec.Address primary() {
    if (config == null || config.addresses().isEmpty()) return null;
    for (PortConfigSpec.Address a : config.addresses()) if (!a.address().contains(":")) return a;
    return config.addresses().getFirst();
  }

  public PortConfigSpec.Address primaryV6() {
    if (config == null) return null;
    for (PortConfigSpec.Address a : config.addresses()) if (a.address().contains(":")) return a;
    return null;
  }

  public LocalPort withConfig(String name, String proj, PortConfigSpec c, long l) {
    return new LocalPort(uuid, vmUuid, vmName, hostIfName, vmIfName, vmNamespace, name, proj, c, l);
  }
}
