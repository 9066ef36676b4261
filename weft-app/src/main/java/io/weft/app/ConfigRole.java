package io.weft.app;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.compiler.AddressAllocator;
import io.weft.compiler.CompilerService;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.Store;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.model.ResourceCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config role: the store, the API server over it (allocating addresses at admission),
 * and the compiler writing derived objects back, started and stopped together.
 */
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
  private final CompilerService compiler;
  private final ConfigServer server;
  private final String token;
  private final String storeDescription;
  private final String urlHost;

  private ConfigRole(Store store, CompilerService compiler, ConfigServer server, String token, String storeDescription, String host) {
    this.store = store;
    this.compiler = compiler;
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
    ResourceCodec codec = new ResourceCodec();
    CompilerService compiler = new CompilerService(store, codec);
    try {
      compiler.start();
      ConfigServer server = new ConfigServer(store, registry, s.host(), s.port(), token, new AddressAllocator(codec)).start();
      return new ConfigRole(store, compiler, server, token, "sqlite " + db.toAbsolutePath().normalize(), s.host());
    } catch (RuntimeException e) {
      compiler.close();
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

  /** Waits until the compiler has caught up with every write so far; false on timeout. */
  boolean awaitCompiled(java.time.Duration timeout) throws InterruptedException {
    return compiler.awaitRevision(store.revision(), timeout);
  }

  @Override
  public void close() {
    server.close();
    compiler.close();
    store.close();
  }
}
