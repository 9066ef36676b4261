package io.weft.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code weft config}: the config role alone (API server, store, compiler), no control node. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Run the config role alone, until interrupted (Ctrl-C).",
      "The config API on --host:--port, the SQLite store in --data-dir and the",
      "compiler (address allocation, routing instances, port configs); control",
      "nodes elsewhere watch it (weft control --config-api URL). A multi-host",
      "deployment runs it on its own; weft up adds a control node."
    })
final class ConfigCommand implements Callable<Integer> {
  @Mixin ConfigRoleOptions configRole;

  @Override
  public Integer call() throws Exception {
    try (ConfigRole config = ConfigRole.start(configRole.settings())) {
      System.out.printf("weft: config API listening on %s (store: %s)%n", config.url(), config.storeDescription());
      System.out.println("weft: running; Ctrl-C stops it.");
      ShutdownSignal.await();
      System.out.println("weft: stopping");
      return 0;
    } catch (ConfigRole.StartException e) {
      System.err.println("weft: " + e.getMessage());
      return 1;
    }
  }
}
