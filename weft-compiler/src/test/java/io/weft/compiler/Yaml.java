package io.weft.compiler;

import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.ResourceKey;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import java.util.List;
import java.util.Map;

/** Test helpers: resources from compact YAML, and typed access to compiled output. */
final class Yaml {
  static final ResourceCodec CODEC = new ResourceCodec();

  private Yaml() {}

  static List<Resource> parse(String yaml) {
    return CODEC.parseAll(yaml);
  }

  static RoutingInstanceSpec ri(Map<ResourceKey, Resource> out, String project, String network) {
    Resource r = out.get(new ResourceKey(Kind.ROUTING_INSTANCE, project, network));
    return r == null ? null : (RoutingInstanceSpec) r.spec();
  }

  static PortConfigSpec pc(Map<ResourceKey, Resource> out, String project, String port) {
    Resource r = out.get(new ResourceKey(Kind.PORT_CONFIG, project, port));
    return r == null ? null : (PortConfigSpec) r.spec();
  }

  static String rt(int n) {
    return "target:64512:" + n;
  }
}
