package io.weft.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * bench/config-api: N VirtualNetworks then N ports created through the REST API by C
 * concurrent clients against a `weft up` server in its own process; then the anchor, the
 * same rows written straight to SQLite with one durable transaction per row; prints
 * creates/s, p50/p99 latency, the server's resident memory and the ratio.
 *
 * <p>Usage: ConfigApiBench SERVER_CLASSPATH [networks] [clients]
 */
public final class ConfigApiBench {
  private static final String PROJECT = "bench";

  public static void main(String[] args) throws Exception {
    String serverClasspath = args[0];
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    Path work = Files.createTempDirectory("weft-bench-config-api");
    Process server = startServer(serverClasspath, work.resolve("data"));
    try {
      String base = awaitUrl(server);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      post(http, base + "/api/v1/projects", project());
      System.out.printf("config-api benchmark: %,d networks + %,d ports, %d concurrent clients, server pid %d%n",
          count, count, clients, server.pid());

      Phase networks = run(http, clients, count, i -> new Request(base + "/api/v1/projects/" + PROJECT + "/virtualnetworks", network(i)));
      networks.print("networks");
      Phase ports = run(http, clients, count, i -> new Request(base + "/api/v1/projects/" + PROJECT + "/virtualmachineinterfaces", port(i)));
      ports.print("ports");
      Phase all = Phase.combine(networks, ports);
      all.print("all creates");
      printStoreMetrics(http, base);
      long rssKb = procStatusKb(server.pid(), "VmRSS");
      long hwmKb = procStatusKb(server.pid(), "VmHWM");
      System.out.printf("server resident memory: %,d MiB now, %,d MiB peak%n", rssKb / 1024, hwmKb / 1024);

      double anchor = sqliteAnchor(work.resolve("anchor.db"), count);
      System.out.printf("anchor (SQLite, one durable transaction per row, 1 writer): %,.0f rows/s%n", anchor);
      System.out.printf("ratio weft REST creates/s : anchor rows/s = %.2f  (target: >= 5,000 creates/s -> %s)%n",
          all.rate() / anchor, all.rate() >= 5000 ? "met" : "NOT met");
    } finally {
      server.destroy();
      if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) server.destroyForcibly();
      deleteRecursively(work);
    }
  }

  record Request(String url, String body) {}

  /** Latencies (ns) of one phase, and its wall time. */
  record Phase(long[] latencies, long wallNanos, int errors) {
    double rate() {
      return latencies.length / (wallNanos / 1e9);
    }

    double percentileMs(double p) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    void print(String what) {
      System.out.printf("%-12s %,8d in %6.2f s = %,8.0f creates/s   p50 %6.2f ms   p99 %6.2f ms   errors %d%n",
          what, latencies.length, wallNanos / 1e9, rate(), percentileMs(0.50), percentileMs(0.99), errors);
    }

    static Phase combine(Phase a, Phase b) {
      long[] all = new long[a.latencies.length + b.latencies.length];
      System.arraycopy(a.latencies, 0, all, 0, a.latencies.length);
      System.arraycopy(b.latencies, 0, all, a.latencies.length, b.latencies.length);
      return new Phase(all, a.wallNanos + b.wallNanos, a.errors + b.errors);
    }
  }

  private static Phase run(HttpClient http, int clients, int count, IntFunction<Request> request) throws Exception {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            Request r = request.apply(i);
            long t0 = System.nanoTime();
            int status = post(http, r.url(), r.body());
            latencies[i] = System.nanoTime() - t0;
            if (status != 201 && errors.getAndIncrement() < 5) System.err.println("create " + i + " answered " + status);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) f.get();
    }
    return new Phase(latencies, System.nanoTime() - start, errors.get());
  }

  private static int post(HttpClient http, String url, String body) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** What the server's store did for those creates, from its /metrics: transactions, batch sizes, writes. */
  private static void printStoreMetrics(HttpClient http, String base) {
    try {
      String text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      double batches = metric(text, "weft_store_commit_batch_size_count");
      double callers = metric(text, "weft_store_commit_batch_size_sum");
      double txSeconds = metric(text, "weft_store_transaction_duration_seconds_sum");
      double txCount = metric(text, "weft_store_transaction_duration_seconds_count");
      System.out.printf("server store: %,.0f transactions, %.1f commit() calls per transaction, %.2f ms per transaction (BEGIN..durable COMMIT)"
              + ", writes: %,.0f creates %,.0f updates%n",
          batches, batches == 0 ? 0 : callers / batches, txCount == 0 ? Double.NaN : 1000 * txSeconds / txCount,
          metric(text, "weft_store_writes_total{type=\"create\"}"), metric(text, "weft_store_writes_total{type=\"update\"}"));
    } catch (IOException e) {
      System.out.println("server store: /metrics unavailable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double metric(String text, String name) {
    for (String line : text.lines().toList()) {
      if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1).trim().split(" ")[0]);
    }
    return Double.NaN;
  }

  private static String project() {
    return "{\"apiVersion\":\"weft/v1\",\"kind\":\"Project\",\"metadata\":{\"name\":\"" + PROJECT + "\"},\"spec\":{}}";
  }

  static String network(int i) {
    return "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"net-" + i
        + "\",\"project\":\"" + PROJECT + "\",\"labels\":{\"bench\":\"config-api\"}},\"spec\":{\"subnets\":[{\"cidr\":\"10."
        + (i >> 8) + "." + (i & 255) + ".0/24\"}]}}";
  }

  static String port(int i) {
    return "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"port-" + i
        + "\",\"project\":\"" + PROJECT + "\",\"labels\":{\"bench\":\"config-api\"}},\"spec\":{\"network\":\"net-" + i + "\"}}";
  }

  /** The same rows written straight to SQLite: WAL, synchronous=FULL, one transaction per row. */
  private static double sqliteAnchor(Path db, int count) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE objects(kind TEXT, project TEXT, name TEXT, value BLOB, PRIMARY KEY(kind, project, name))");
      }
      c.setAutoCommit(true);
      long start = System.nanoTime();
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO objects VALUES(?,?,?,?)")) {
        for (int i = 0; i < 2 * count; i++) {
          boolean net = i < count;
          int n = net ? i : i - count;
          ins.setString(1, net ? "VirtualNetwork" : "VirtualMachineInterface");
          ins.setString(2, PROJECT);
          ins.setString(3, (net ? "net-" : "port-") + n);
          ins.setBytes(4, (net ? network(n) : port(n)).getBytes(StandardCharsets.UTF_8));
          ins.executeUpdate();
        }
      }
      return 2.0 * count / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static Process startServer(String classpath, Path dataDir) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    // The launcher's JVM flags (bin/lib.sh WEFT_JVM_OPTS), so the server runs as `bin/weft up` does.
    String opts = System.getenv().getOrDefault("WEFT_JVM_OPTS", "");
    for (String o : opts.trim().split("\\s+")) if (!o.isEmpty()) command.add(o);
    // WEFT_BENCH_JFR=FILE records the server with JFR's profile settings, for looking at where its CPU goes.
    String jfr = System.getenv("WEFT_BENCH_JFR");
    if (jfr != null && !jfr.isBlank()) command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr.strip());
    command.addAll(List.of("-cp", classpath, "io.weft.app.Main", "up", "--port", "0", "--data-dir", dataDir.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String awaitUrl(Process server) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      int at = line.indexOf("listening on ");
      if (at >= 0) {
        String url = line.substring(at + "listening on ".length()).split(" ")[0];
        Thread.ofPlatform().daemon().start(() -> drain(out));
        return url;
      }
    }
    throw new IOException("the server exited before listening");
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // keep the pipe from filling
      }
    } catch (IOException ignored) {
      // server gone
    }
  }

  private static long procStatusKb(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    return -1;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
