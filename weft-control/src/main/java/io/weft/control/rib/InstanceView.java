package io.weft.control.rib;

import java.util.List;
import java.util.Map;

/** A snapshot of one instance for introspection. */
public record InstanceView(String name, boolean configured, List<String> importTargets, List<String> exportTargets,
    Map<Family, Integer> routes, int subscribers) {}
