package io.weft.control.config;

import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import io.weft.model.spec.BgpRouterSpec;
import java.util.Map;
import java.util.Set;

/** What the control node does with derived config; called on the config watcher's thread. */
public interface ConfigListener {
  /** {@code spec} is the instance's new config, or null when its RoutingInstance was deleted. */
  void instanceChanged(String vrf, RoutingInstanceSpec spec);

  /** The config some hosts need changed (ports bound to them, or the instances those use). */
  void hostsChanged(Set<String> hosts);

  /** PortConfig {@code project/name} changed; {@code spec} is null when it was deleted (the DNS names follow it). */
  default void portChanged(String project, String name, PortConfigSpec spec) {}

  /** Every BgpRouter now configured, by name (after any add, change or delete). */
  default void bgpRoutersChanged(Map<String, BgpRouterSpec> routers) {}
}
