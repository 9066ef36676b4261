/** Config role: the store interface and its SQLite implementation, the HTTP API, admission hooks. */
module io.weft.config {
  requires transitive io.weft.model;
  requires java.sql;
  requires io.javalin;
  // A servlet filter serves creates ahead of Javalin's routing (api.CreateFilter).
  requires org.eclipse.jetty.servlet;
  requires jetty.servlet.api;
  requires org.xerial.sqlitejdbc;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;
  requires io.prometheus.writer.text;
  requires org.slf4j;
  // Read by the component tests, which run in this module and call the API over HTTP.
  requires static java.net.http;

  exports io.weft.config.store;
  exports io.weft.config.store.sqlite;
  exports io.weft.config.api;
  exports io.weft.config.admission;
}
