package io.weft.agent.dataplane;

import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Route;
import io.weft.model.derived.rules.Flow;
import java.io.IOException;

/**
 * What the agent programs in its forwarder (weft-forwarder): ports (each a TAP device the
 * forwarder creates and owns the file descriptor of), VRFs, routes. The forwarder asks the
 * agent about a flow-table miss through {@link FlowMissHandler}.
 */
public interface Dataplane extends AutoCloseable {
  /** Creates the port's TAP device under {@code port.hostIfName()} in the host namespace, with the port's MAC. */
  void addPort(LocalPort port) throws IOException;

  /**
   * For a CNI ADD: creates the port's device directly in its pod, {@code port.vmNamespace()},
   * as {@code port.vmIfName()}, where the dataplane can — moving a device between namespaces
   * costs the kernel RCU grace periods, the largest part of an ADD. False when it created the
   * device in the host as {@link #addPort} does, for the caller to move.
   */
  default boolean addPortInPod(LocalPort port) throws IOException {
    addPort(port);
    return false;
  }

  /** Binds a ready port to its VRF and label (called once its config is known). */
  void portReady(LocalPort port);

  void removePort(LocalPort port);

  void addVrf(String vrf, long vni);

  /** Installs or replaces {@code route}; null removes the prefix. */
  void setRoute(String vrf, String prefix, Route route);

  /** Called once by the agent that owns this dataplane, before any other call: flow misses and trapped packets go to it. */
  default void attach(io.weft.agent.Agent agent) {}

  /** Ports announced before a restart (recorded by the dataplane), for the agent to re-attach; empty by default. */
  default java.util.List<LocalPort> restore() {
    return java.util.List.of();
  }

  /** The forwarder's call on a flow-table miss: the agent's decision for the flow's first packet. */
  interface FlowMissHandler {
    boolean allow(String vrf, Flow flow, String ingressPort);
  }

  @Override
  void close();
}
