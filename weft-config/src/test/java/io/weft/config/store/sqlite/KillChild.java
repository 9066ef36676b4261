package io.weft.config.store.sqlite;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.Write;
import io.weft.model.Kind;
import io.weft.model.ResourceKey;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.file.Path;
import java.util.Set;

/**
 * The child process of {@link SqliteKillTest}: opens the store and creates entries from
 * several threads forever, printing {@code ack <name>} after each create returns. The parent
 * kills it with SIGKILL; the store is never closed.
 */
public final class KillChild {
  private KillChild() {}

  /** The value stored under {@code name}: long enough to span pages, checkable byte for byte. */
  static byte[] valueOf(String name) {
    return (name + ":").repeat(300).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static ResourceKey key(String name) {
    return new ResourceKey(Kind.VIRTUAL_NETWORK, "p", name);
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    var out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
    var store = new SqliteStore(file, 100_000, new PrometheusRegistry());
    ResourceKey project = new ResourceKey(Kind.PROJECT, null, "p");
    store.apply(new Write.Create(project, valueOf("p"), Set.of()));
    synchronized (out) {
      out.println("ready");
      out.flush();
    }
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread.ofPlatform().start(() -> {
        for (int i = 0; ; i++) {
          String name = "n" + id + "-" + i;
          store.apply(new Write.Create(key(name), valueOf(name), Set.of(project)));
          synchronized (out) {
            out.println("ack " + name);
            out.flush();
          }
        }
      });
    }
  }
}
