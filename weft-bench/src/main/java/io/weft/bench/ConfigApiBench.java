package io.weft.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * bench/config-api: N VirtualNetworks then N ports created through the REST API by C
 * concurrent clients against a server ({@code weft ROLE}: {@code config} or {@code up}) in its
 * own process; then the anchor, the same rows written straight to SQLite with one durable
 * transaction per row; prints creates/s, p50/p99 latency, CPU per create (server and this
 * client, from /proc), the server's resident memory and the ratio.
 *
 * <p>First, on each fresh server, the same number of networks and ports in another project
 * (the warm-up: the server's JIT compiles its hot code meanwhile), printed as the cold
 * server's figures; the measured creates follow.
 *
 * <p>Usage: ConfigApiBench SERVER_CLASSPATH [networks] [clients] [roles, comma-separated] [warm-up networks]
 */
public final class ConfigApiBench {
  private static final String PROJECT = "bench";
  private static final String WARMUP_PROJECT = "warmup";

  public static void main(String[] args) throws Exception {
    String serverClasspath = args[0];
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    List<String> roles = List.of((args.length > 3 ? args[3] : "config,up").split(","));
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 2 * count; // C2 is done compiling after about 80,000 creates
    Path work = Files.createTempDirectory("weft-bench-config-api");
    try {
      for (String role : roles) {
        benchServer(serverClasspath, role, work.resolve("data-" + role), count, clients, warmup);
      }
      double anchor = sqliteAnchor(work.resolve("anchor.db"), count);
      System.out.printf("anchor (SQLite, one durable transaction per row, 1 writer): %,.0f rows/s%n", anchor);
      for (var r : RATES.entrySet()) {
        System.out.printf("ratio weft %s REST creates/s : anchor rows/s = %.2f  (target: >= 5,000 creates/s -> %s)%n",
            r.getKey(), r.getValue() / anchor, r.getValue() >= 5000 ? "met" : "NOT met");
      }
    } finally {
      deleteRecursively(work);
    }
  }

  private static final java.util.Map<String, Double> RATES = new java.util.LinkedHashMap<>();

  /** One server ({@code weft ROLE}) in its own process: both phases, its store metrics and memory. */
  private static void benchServer(String classpath, String role, Path dataDir, int count, int clients, int warmup)
      throws Exception {
    Process server = startServer(classpath, role, dataDir);
    try {
      URI base = URI.create(awaitUrl(server));
      try (KeepAliveClient http = new KeepAliveClient(base)) {
        expect(http.post("/api/v1/projects", bytes(project(PROJECT))), 201, "\"name\":\"" + PROJECT + "\"");
        System.out.printf("config-api benchmark, weft %s: %,d networks + %,d ports, %d concurrent clients, server pid %d, JVM flags: %s"
            + ", load average %s%n", role, count, count, clients, server.pid(), jvmFlags(role), loadAverage());
        if (warmup > 0) {
          // The same creates in another project first, so the measured ones meet a server whose JIT has compiled
          // its hot code, as a config role that has been up a while does. Printed too: these are the cold figures.
          expect(http.post("/api/v1/projects", bytes(project(WARMUP_PROJECT))), 201, "\"name\":\"" + WARMUP_PROJECT + "\"");
          Phase.combine(
              run(base, server.pid(), clients, warmup, i -> networkRequest(WARMUP_PROJECT, i)),
              run(base, server.pid(), clients, warmup, i -> portRequest(WARMUP_PROJECT, i))).print("warm-up (cold server)");
        }
        Map<String, Double> threadCpu0 = CpuTime.byThread(server.pid());
        Map<String, Double> threadKernel0 = CpuTime.byThread(server.pid(), true);
        Phase networks = run(base, server.pid(), clients, count, i -> networkRequest(PROJECT, i));
        networks.print("networks");
        Phase ports = run(base, server.pid(), clients, count, i -> portRequest(PROJECT, i));
        ports.print("ports");
        Phase all = Phase.combine(networks, ports);
        all.print("all creates");
        printThreadCpu("server CPU by thread in these creates, per create", CpuTime.byThread(server.pid()), threadCpu0, 2 * count);
        printThreadCpu("of which in the kernel", CpuTime.byThread(server.pid(), true), threadKernel0, 2 * count);
        System.out.printf("load average after the creates: %s%n", loadAverage());
        RATES.put(role, all.rate());
      }
      // A fresh connection: the first one sat idle through the phases, past the server's idle timeout.
      try (KeepAliveClient http = new KeepAliveClient(base)) {
        printStoreMetrics(http);
      }
      printThreadCpu("server CPU by thread over its life, startup and warm-up included, in all", CpuTime.byThread(server.pid()), Map.of(), 0);
      long rssKb = procStatusKb(server.pid(), "VmRSS");
      long hwmKb = procStatusKb(server.pid(), "VmHWM");
      System.out.printf("server resident memory: %,d MiB now, %,d MiB peak%n", rssKb / 1024, hwmKb / 1024);
    } finally {
      server.destroy();
      if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) server.destroyForcibly();
    }
  }

  /** A create to send: the path, the body, and a string its answer must contain (the name as stored). */
  record Request(String path, byte[] body, String expect) {}

  static Request networkRequest(String project, int i) {
    return new Request("/api/v1/projects/" + project + "/virtualnetworks", bytes(network(project, i)), "\"name\":\"net-" + i + "\"");
  }

  static Request portRequest(String project, int i) {
    return new Request("/api/v1/projects/" + project + "/virtualmachineinterfaces", bytes(port(project, i)), "\"name\":\"port-" + i + "\"");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Null when the answer has the status and holds {@code mustContain} and a resourceVersion; else why not. */
  private static String problem(KeepAliveClient.Answer a, int status, String mustContain) {
    String body = a.text();
    if (a.status() != status) return "answered " + a.status() + ": " + body;
    if (!body.contains(mustContain) || !body.contains("\"resourceVersion\":")) return "answer lacks " + mustContain + ": " + body;
    return null;
  }

  private static void expect(KeepAliveClient.Answer a, int status, String mustContain) throws IOException {
    String why = problem(a, status, mustContain);
    if (why != null) throw new IOException(why);
  }

  /** Latencies (ns) of one phase, its wall time, and the CPU seconds the server and this client used in it. */
  record Phase(long[] latencies, long wallNanos, int errors, double serverCpu, double clientCpu) {
    double rate() {
      return latencies.length / (wallNanos / 1e9);
    }

    double percentileMs(double p) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    void print(String what) {
      int n = latencies.length;
      System.out.printf("%-12s %,8d in %6.2f s = %,8.0f creates/s   p50 %6.2f ms   p99 %6.2f ms   errors %d"
              + "   CPU per create: server %4.0f us, client %4.0f us%n",
          what, n, wallNanos / 1e9, rate(), percentileMs(0.50), percentileMs(0.99), errors,
          1e6 * serverCpu / n, 1e6 * clientCpu / n);
    }

    static Phase combine(Phase a, Phase b) {
      long[] all = new long[a.latencies.length + b.latencies.length];
      System.arraycopy(a.latencies, 0, all, 0, a.latencies.length);
      System.arraycopy(b.latencies, 0, all, a.latencies.length, b.latencies.length);
      return new Phase(all, a.wallNanos + b.wallNanos, a.errors + b.errors, a.serverCpu + b.serverCpu, a.clientCpu + b.clientCpu);
    }
  }

  private static Phase run(URI base, long serverPid, int clients, int count, IntFunction<Request> request) throws Exception {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long self = ProcessHandle.current().pid();
    double serverCpu0 = CpuTime.seconds(serverPid);
    double clientCpu0 = CpuTime.seconds(self);
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          try (KeepAliveClient http = new KeepAliveClient(base)) {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
              Request r = request.apply(i);
              long t0 = System.nanoTime();
              String why;
              try {
                why = problem(http.post(r.path(), r.body()), 201, r.expect());
              } catch (IOException e) {
                why = e.toString();
                http.close();
              }
              latencies[i] = System.nanoTime() - t0;
              if (why != null && errors.getAndIncrement() < 5) System.err.println("create " + i + " " + why);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) f.get();
    }
    long wall = System.nanoTime() - start;
    return new Phase(latencies, wall, errors.get(), CpuTime.seconds(serverPid) - serverCpu0, CpuTime.seconds(self) - clientCpu0);
  }

  /**
   * Where the server's CPU went between two samples, by thread group, largest first: per create
   * in microseconds when {@code creates} is given, else in seconds.
   */
  private static void printThreadCpu(String what, Map<String, Double> now, Map<String, Double> before, int creates) {
    Map<String, Double> used = new java.util.HashMap<>();
    now.forEach((name, cpu) -> used.put(name, cpu - before.getOrDefault(name, 0.0)));
    double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
    java.util.function.DoubleFunction<String> format = creates > 0
        ? cpu -> String.format("%.0f us", 1e6 * cpu / creates)
        : cpu -> String.format("%.1f s", cpu);
    StringBuilder sb = new StringBuilder(what + ": " + format.apply(total));
    used.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
        .forEach(e -> sb.append("; ").append(e.getKey()).append(' ').append(format.apply(e.getValue())));
    System.out.println(sb);
  }

  /** What the server's store did for those creates, from its /metrics: transactions, batch sizes, writes. */
  private static void printStoreMetrics(KeepAliveClient http) {
    try {
      KeepAliveClient.Answer a = http.get("/metrics");
      if (a.status() != 200) throw new IOException("answered " + a.status());
      String text = a.text();
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
    }
  }

  private static double metric(String text, String name) {
    for (String line : text.lines().toList()) {
      if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1).trim().split(" ")[0]);
    }
    return Double.NaN;
  }

  private static String project(String name) {
    return "{\"apiVersion\":\"weft/v1\",\"kind\":\"Project\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{}}";
  }

  static String network(String project, int i) {
    return "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"net-" + i
        + "\",\"project\":\"" + project + "\",\"labels\":{\"bench\":\"config-api\"}},\"spec\":{\"subnets\":[{\"cidr\":\"10."
        + (i >> 8) + "." + (i & 255) + ".0/24\"}]}}";
  }

  static String port(String project, int i) {
    return "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"port-" + i
        + "\",\"project\":\"" + project + "\",\"labels\":{\"bench\":\"config-api\"}},\"spec\":{\"network\":\"net-" + i + "\"}}";
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
          ins.setBytes(4, (net ? network(PROJECT, n) : port(PROJECT, n)).getBytes(StandardCharsets.UTF_8));
          ins.executeUpdate();
        }
      }
      return 2.0 * count / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The 1, 5 and 15 minute load averages: figures from a shared machine mean little without them. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String jvmFlags(String role) {
    return System.getenv().getOrDefault(role.equals("config") ? "WEFT_CONFIG_JVM_OPTS" : "WEFT_JVM_OPTS", "").strip();
  }

  private static Process startServer(String classpath, String role, Path dataDir) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    // The launcher's JVM flags (bin/lib.sh), so the server runs as `bin/weft ROLE` does.
    String opts = jvmFlags(role);
    for (String o : opts.trim().split("\\s+")) if (!o.isEmpty()) command.add(o);
    // WEFT_BENCH_JFR=FILE records the server with JFR's profile settings, for looking at where its CPU goes.
    String jfr = System.getenv("WEFT_BENCH_JFR");
    if (jfr != null && !jfr.isBlank()) {
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr.strip().replaceFirst("(\\.jfr)?$", "-" + role + ".jfr"));
    }
    command.addAll(List.of("-cp", classpath, "io.weft.app.Main", role, "--port", "0", "--data-dir", dataDir.toString()));
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
