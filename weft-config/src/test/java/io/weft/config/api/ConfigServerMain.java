package io.weft.config.api;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.sqlite.SqliteStore;
import java.nio.file.Path;

/** A config server over a SqliteStore in {@code args[0]} on an ephemeral port; prints {@code PORT n}. For the kill test. */
public final class ConfigServerMain {
  private ConfigServerMain() {}

  public static void main(String[] args) throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    SqliteStore store = new SqliteStore(Path.of(args[0]).resolve("weft.db"), 10_000, registry);
    ConfigServer server = new ConfigServer(store, registry, "127.0.0.1", 0, null).start();
    System.out.println("PORT " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
