/** Control role: routing instances and their tables, route-target import/export, XMPP agent peers, DNS for port names, introspect. */
module io.weft.control {
  requires transitive io.weft.model;
  requires transitive io.weft.xmpp;
  requires transitive io.weft.bgp;
  requires io.weft.dns;
  requires java.net.http;
  requires io.javalin;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;
  requires io.prometheus.writer.text;
  requires org.slf4j;

  exports io.weft.control;
  exports io.weft.control.rib;
  exports io.weft.control.peer;
  exports io.weft.control.config;
  exports io.weft.control.sim;
  exports io.weft.control.bgp;
  exports io.weft.control.dns;
}
