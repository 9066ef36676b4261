/** The intent compiler (schema transformer): user resources to RoutingInstances and PortConfigs. */
module io.weft.compiler {
  requires transitive io.weft.model;
  requires io.weft.policy;
  requires transitive io.weft.config;

  exports io.weft.compiler;
}
