package io.weft.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The config role's flags, shared by {@code weft config} and {@code weft up} (a picocli mixin). */
final class ConfigRoleOptions {
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

  ConfigRole.Settings settings() {
    return new ConfigRole.Settings(dataDir, host, port, store, tokenFile, history);
  }
}
