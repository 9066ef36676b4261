package io.weft.control.config;

import io.weft.model.derived.RoutingInstanceSpec;
import java.util.Set;

/** What the control node does with derived config; called on the config watcher's thread. */
public interface ConfigListener {
  /** {@code spec} is the instance's new config, or null when its RoutingInstance was deleted. */
  void instanceChanged(String vrf, RoutingInstanceSpec spec);

  /** The config some hosts need changed (ports bound to them, or the instances those use). */
  void hostsChanged(Set<String> hosts);
}
