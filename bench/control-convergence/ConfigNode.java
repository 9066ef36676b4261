// The benchmark's config role: SqliteStore + config API + compiler in one JVM, run with the
// source launcher (`java -cp ... ConfigNode.java DIR PORT`). `weft up` does not run the
// compiler yet, and the control node needs the RoutingInstances it writes.
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.compiler.CompilerService;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.model.ResourceCodec;
import java.nio.file.Path;

public class ConfigNode {
  public static void main(String[] args) throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    SqliteStore store = new SqliteStore(Path.of(args[0]).resolve("config.db"), 100_000, registry);
    ConfigServer server = new ConfigServer(store, registry, "127.0.0.1", Integer.parseInt(args[1]), null).start();
    CompilerService compiler = new CompilerService(store, new ResourceCodec());
    compiler.start();
    System.out.println("config node on " + server.port());
    Thread.currentThread().join();
  }
}
