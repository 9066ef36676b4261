package io.weft.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft config}: the config role alone (API server, store, compiler), no control node. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Run the config role alone, until interrupted (Ctrl-C).",
      "The config API on --host:--port, the SQLite store in --data-dir and the compiler (address",
      "allocation, routing instances, port configs); control nodes elsewhere watch it (weft control",
      "--config-api URL). A multi-host deployment runs it on its own; weft up adds a control node."
    })
final class ConfigCommand implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "./weft-data", description = "Directory for durable state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the config API listens on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8082", description = "Config API port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--store", defaultValue = "sqlite", description = "Config store: 'sqlite' (embedded, in --data-dir) or etcd://host:2379,... (default: ${DEFAULT-VALUE}).")
  String store;

  @Option(names = "--token-file", description = "File holding a bearer token; when set, API requests without it get 401.")
  Path tokenFile;

  @Option(names = "--history", defaultValue = "100000", description = "Revisions of change history kept for watchers (default: ${DEFAULT-VALUE}).")
  int history;

  @Override
  public Integer call() throws Exception {
    ConfigRole.Settings settings = new ConfigRole.Settings(dataDir, host, port, store, tokenFile, history);
    try (ConfigRole config = ConfigRole.start(settings)) {
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
