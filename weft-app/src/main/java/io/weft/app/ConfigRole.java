package io.weft.app;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.Store;
import io.weft.config.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The config role: the store and the API server over it, started and stopped together. */
final class ConfigRole implements AutoCloseable {

  /** What the config role needs to start; flags of {@code weft up}. */
  record Settings(Path dataDir, String host, int port, String store, Path tokenFile, int history) {}

  /** The role could not start; the message says why in terms of the user's flags. */
  static final class StartException extends Exception {
    StartException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Store store;
  private final ConfigServer server;
  private final String token;
  private final String storeDescription;
  private final String urlHost;

  private ConfigRole(Store store, ConfigServer server, String token, String storeDescription, String host) {
    this.store = store;
    this.server = server;
    this.token = token;
    this.storeDescription = storeDescription;
    // A wildcard listen address is reached through loopback.
    this.urlHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
  }

  static ConfigRole start(Settings s) throws StartException {
    if (s.store().startsWith("etcd://")) {
      throw new StartException("the etcd store (" + s.store() + ") is not available yet; use --store sqlite", null);
    }
    if (!s.store().equals("sqlite")) {
      throw new StartException("unknown --store '" + s.store() + "': use 'sqlite' or etcd://host:2379", null);
    }
    String token = readToken(s.tokenFile());
    Path db = s.dataDir().resolve("config.db");
    PrometheusRegistry registry = new PrometheusRegistry();
    Store store;
    try {
      Files.createDirectories(s.dataDir());
      store = new SqliteStore(db, s.history(), registry);
    } catch (IOException | RuntimeException e) {
      throw new StartException("cannot open the store at " + db + ": " + e.getMessage(), e);
    }
    try {
      ConfigServer server = new ConfigServer(store, registry, s.host(), s.port(), token).start();
      return new ConfigRole(store, server, token, "sqlite " + db.toAbsolutePath().normalize(), s.host());
    } catch (RuntimeException e) {
      store.close();
      throw new StartException("cannot listen on " + s.host() + ":" + s.port() + " (" + rootMessage(e)
          + "); is another weft running? try --port", e);
    }
  }

  private static String readToken(Path tokenFile) throws StartException {
    if (tokenFile == null) return null;
    try {
      String t = Files.readString(tokenFile).strip();
      if (t.isEmpty()) throw new StartException("--token-file " + tokenFile + " is empty", null);
      return t;
    } catch (IOException e) {
      throw new StartException("cannot read --token-file " + tokenFile + ": " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage();
  }

  String url() {
    return "http://" + urlHost + ":" + server.port();
  }

  Store store() {
    return store;
  }

  String token() {
    return token;
  }

  String storeDescription() {
    return storeDescription;
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
