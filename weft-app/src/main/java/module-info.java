/** The launcher: wires the roles into processes (`weft up` runs them all in one JVM). */
module io.weft.app {
  requires io.weft.model;
  requires io.weft.config;
  requires io.weft.compiler;
  requires io.weft.cli;
  requires io.weft.control;
  requires io.weft.agent;
  requires info.picocli;
  requires org.slf4j;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;

  opens io.weft.app to info.picocli;
}
