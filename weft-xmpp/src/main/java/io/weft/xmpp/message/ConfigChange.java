package io.weft.xmpp.message;

import java.util.Objects;

/**
 * One derived resource a host needs, carried opaquely: {@code <resource kind="PortConfig"
 * name="…">{json}</resource>} inside {@code <add>}, {@code <update>} or {@code <delete>}.
 *
 * @param kind the derived kind, e.g. {@code RoutingInstance}, {@code PortConfig}
 * @param name the resource's fully qualified name
 * @param json the resource as JSON (weft-model's mapping); null for DELETE
 */
public record ConfigChange(ConfigOp op, String kind, String name, String json) {
  public ConfigChange {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (op == ConfigOp.DELETE) json = null;
    else Objects.requireNonNull(json, "json");
  }
}
