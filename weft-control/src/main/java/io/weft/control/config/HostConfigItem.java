package io.weft.control.config;

/**
 * One derived object a host needs, as sent in a {@code ConfigUpdate}.
 *
 * @param kind {@code RoutingInstance} or {@code PortConfig}
 * @param name the wire name ({@link Vrfs})
 * @param version the resource's resourceVersion, to tell an update from a repeat
 * @param json the resource as weft-model's JSON
 */
public record HostConfigItem(String kind, String name, long version, String json) {}
