package io.weft.control.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.control.config.Vrfs;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.RouteEntry;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.session.ChannelConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code weft sim-agents}: N simulated agents with M ports each on K networks. Networks are
 * {@code <project>/net-<k>}; with a config API the fleet creates the project and networks
 * and waits for the compiler's RoutingInstances, so routes flow through real instances with
 * real route targets. Agent {@code a} puts port {@code j} on network
 * {@code (a·P + j mod P) mod K} (P networks per agent), so each network has about N·P/K
 * agents and N·M/K routes. Every agent must end up holding exactly the routes of the
 * networks it subscribed to; then single-route probes measure publish → arrival at every
 * subscribed agent.
 */
public final class SimFleet {
  /** What to simulate; see {@code weft sim-agents --help}. */
  public record Options(List<InetSocketAddress> controls, int agents, int ports, int networks, int networksPerAgent,
      String configApi, String project, Duration timeout, int probes, long seed, Duration pauseBeforePublish) {}

  /** The outcome: convergence time, probe latencies (ms, sorted), mismatching agents. */
  public record Result(double convergenceSeconds, double[] probeMillis, int mismatches, int routes) {
    public double percentile(double p) {
      if (probeMillis.length == 0) return Double.NaN;
      int i = (int) Math.ceil(p / 100.0 * probeMillis.length) - 1;
      return probeMillis[Math.max(0, Math.min(probeMillis.length - 1, i))];
    }
  }

  private final Options o;
  private final PrintStream out;
  private final List<SimAgent> agents = new ArrayList<>();
  private final Map<String, Set<String>> expected = new HashMap<>();
  /** prefix → the next hop its agent published: every copy received must carry it. */
  private final Map<String, Hop> nextHops = new HashMap<>();

  private record Hop(String address, long label) {}

  public SimFleet(Options options, PrintStream out) {
    this.o = options;
    this.out = out;
  }

  public Result run() throws Exception {
    if (o.configApi() != null) createNetworks();
    build();
    long tc = System.nanoTime();
    // At most 64 handshakes at a time: a burst of 1,000 SYNs would overflow the server's accept
    // backlog and cost SYN retransmits (seconds), which measures the kernel, not the control node.
    java.util.concurrent.Semaphore handshakes = new java.util.concurrent.Semaphore(64);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> starts = new ArrayList<>();
      for (SimAgent a : agents) starts.add(pool.submit(() -> {
        handshakes.acquire();
        try {
          a.connectOnly();
        } finally {
          handshakes.release();
        }
        return null;
      }));
      for (Future<?> f : starts) f.get();
    }
    out.printf("sim-agents: %d sessions up and subscribed in %.2f s%n", agents.size() * o.controls().size(), (System.nanoTime() - tc) / 1e9);
    out.flush();
    if (o.pauseBeforePublish() != null && !o.pauseBeforePublish().isZero()) Thread.sleep(o.pauseBeforePublish());
    out.println("sim-agents: publishing");
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (SimAgent a : agents) pool.submit(a::publishAll);
    }
    out.printf("sim-agents: %d routes published in %.2f s%n", routeCount(), (System.nanoTime() - t0) / 1e9);
    boolean converged = awaitConvergence(System.nanoTime() + o.timeout().toNanos());
    double convergence = (System.nanoTime() - t0) / 1e9;
    if (!converged) out.printf("sim-agents: NOT converged after %.1f s%n", convergence);
    else out.printf("sim-agents: converged: %d routes at %d agents in %.2f s from the first publish%n", routeCount(), agents.size(), convergence);
    double[] probes = converged ? probe() : new double[0];
    int mismatches = verify();
    return new Result(converged ? convergence : Double.NaN, probes, mismatches, routeCount());
  }

  /** Closes every agent session. */
  public void stop() {
    for (SimAgent a : agents) a.close();
  }

  private int routeCount() {
    int n = 0;
    for (Set<String> s : expected.values()) n += s.size();
    return n;
  }

  private String vrf(int network) {
    return Vrfs.name(o.project(), "net-" + network);
  }

  private void build() {
    int perAgent = Math.max(1, Math.min(o.networksPerAgent(), o.networks()));
    int[] hostIndex = new int[o.networks()];
    ChannelConfig cc = ChannelConfig.DEFAULT;
    for (int a = 0; a < o.agents(); a++) {
      List<SimAgent.Port> ports = new ArrayList<>();
      for (int j = 0; j < o.ports(); j++) {
        int n = (int) (((long) a * perAgent + j % perAgent) % o.networks());
        int h = ++hostIndex[n];
        if (h >= 4095) throw new IllegalArgumentException("more than 4094 ports on network net-" + n);
        String prefix = address(networkBase(n) + h) + "/32";
        ports.add(new SimAgent.Port(vrf(n), prefix, 16 + j));
        expected.computeIfAbsent(vrf(n), k -> new HashSet<>()).add(prefix);
      }
      String underlay = "172." + (16 + (a >> 16)) + "." + ((a >> 8) & 255) + "." + (a & 255);
      for (SimAgent.Port p : ports) nextHops.put(p.prefix(), new Hop(underlay, p.label()));
      agents.add(new SimAgent("sim-" + o.project() + "-" + a, underlay, ports, o.controls(), cc, false, Duration.ofMillis(200)));
    }
  }

  /** Network k's subnet: the k-th /20 of 100.64.0.0/10 (room for 1024 networks of 4094 ports). */
  static long networkBase(int k) {
    if (k >= 1024) throw new IllegalArgumentException("at most 1024 networks");
    return ((100L << 24) | (64L << 16)) + (long) k * 4096;
  }

  static String address(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  private boolean awaitConvergence(long deadline) throws InterruptedException {
    long start = System.nanoTime();
    long nextReport = start + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (allConverged()) return true;
      if (System.nanoTime() > nextReport) {
        nextReport += 5_000_000_000L;
        long have = 0;
        long want = 0;
        int behind = 0;
        for (SimAgent a : agents) {
          boolean ok = true;
          for (String v : a.vrfs()) {
            have += a.count(v);
            want += expected.get(v).size();
            ok &= a.count(v) == expected.get(v).size();
          }
          if (!ok) behind++;
        }
        out.printf("sim-agents: %.0f s: %d of %d route copies received, %d agents incomplete%n",
            (System.nanoTime() - start) / 1e9, have, want, behind);
      }
      Thread.sleep(20);
    }
    return allConverged();
  }

  private boolean allConverged() {
    for (SimAgent a : agents) {
      for (String v : a.vrfs()) if (a.count(v) != expected.get(v).size()) return false;
    }
    return true;
  }

  /** Exact comparison of every agent's routes with the expectation; prints the first few differences. */
  private int verify() {
    int bad = 0;
    for (SimAgent a : agents) {
      Map<String, Set<String>> want = new HashMap<>();
      for (String v : a.vrfs()) want.put(v, expected.get(v));
      Map<String, Set<String>> have = a.routes();
      boolean entriesOk = a.badItems() == 0;
      for (Map.Entry<String, Set<String>> v : have.entrySet()) {
        for (String prefix : v.getValue()) entriesOk &= carriesItsNextHop(a.entry(v.getKey(), prefix), prefix);
      }
      if (!entriesOk && bad < 5) out.printf("sim-agents: MISMATCH %s holds an entry whose next hop is not its publisher's (%d malformed items)%n",
          a.host(), a.badItems());
      if (!have.equals(want) || !entriesOk) {
        if (bad < 5) {
          Set<String> vrfs = new HashSet<>(want.keySet());
          vrfs.addAll(have.keySet());
          for (String v : vrfs) {
            Set<String> w = want.getOrDefault(v, Set.of());
            Set<String> h = have.getOrDefault(v, Set.of());
            if (!w.equals(h)) out.printf("sim-agents: MISMATCH %s in %s: expected %d routes, has %d%n", a.host(), v, w.size(), h.size());
          }
        }
        bad++;
      }
    }
    return bad;
  }

  /** The entry's single next hop is the underlay and label of the agent that published {@code prefix}. */
  private boolean carriesItsNextHop(RouteEntry entry, String prefix) {
    Hop want = nextHops.get(prefix);
    if (want == null) return true; // a probe's route, withdrawn by now
    if (!(entry instanceof UnicastEntry u) || u.nextHops().size() != 1) return false;
    NextHop h = u.nextHops().getFirst();
    return h.address().equals(want.address()) && h.label() == want.label();
  }

  /** Publishes one new route at a time and times its arrival at every agent subscribed to its instance. */
  private double[] probe() throws InterruptedException {
    if (o.probes() <= 0) return new double[0];
    Random rnd = new Random(o.seed());
    Map<String, List<SimAgent>> subscribers = new HashMap<>();
    for (SimAgent a : agents) for (String v : a.vrfs()) subscribers.computeIfAbsent(v, k -> new ArrayList<>()).add(a);
    Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    Map<String, Long> lastArrival = new ConcurrentHashMap<>();
    SimAgent.ArrivalListener listener = (agent, vrf, prefix, nanos) -> {
      CountDownLatch l = waiting.get(prefix);
      if (l != null) {
        lastArrival.merge(prefix, nanos, Math::max);
        l.countDown();
      }
    };
    for (SimAgent a : agents) a.setArrivalListener(listener);
    double[] ms = new double[o.probes()];
    int done = 0;
    for (int i = 0; i < o.probes(); i++) {
      SimAgent a = agents.get(rnd.nextInt(agents.size()));
      String v = new ArrayList<>(a.vrfs()).get(rnd.nextInt(a.vrfs().size()));
      String prefix = address((198L << 24 | 18L << 16) + i) + "/32";
      SimAgent.Port p = new SimAgent.Port(v, prefix, 100_000 + i);
      CountDownLatch latch = new CountDownLatch(subscribers.get(v).size());
      waiting.put(prefix, latch);
      long t = System.nanoTime();
      a.addPort(p);
      boolean ok = latch.await(10, TimeUnit.SECONDS);
      waiting.remove(prefix);
      a.removePort(p);
      if (!ok) {
        out.printf("sim-agents: probe %s in %s did not reach every subscriber within 10 s%n", prefix, v);
        continue;
      }
      ms[done++] = (lastArrival.remove(prefix) - t) / 1e6;
      Thread.sleep(5);
    }
    for (SimAgent a : agents) a.setArrivalListener(null);
    double[] r = Arrays.copyOf(ms, done);
    Arrays.sort(r);
    // Let the probes' withdrawals arrive before the final comparison.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && !allConverged()) Thread.sleep(20);
    return r;
  }

  private void createNetworks() throws IOException, InterruptedException {
    ObjectMapper json = new ObjectMapper();
    HttpClient http = HttpClient.newHttpClient();
    String base = o.configApi().replaceAll("/$", "");
    long t = System.nanoTime();
    post(http, base + "/api/v1/projects",
        "{\"apiVersion\":\"weft/v1\",\"kind\":\"Project\",\"metadata\":{\"name\":\"" + o.project() + "\"},\"spec\":{}}");
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> fs = new ArrayList<>();
      for (int k = 0; k < o.networks(); k++) {
        int kk = k;
        fs.add(pool.submit(() -> {
          post(http, base + "/api/v1/projects/" + o.project() + "/virtualnetworks",
              "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"net-" + kk + "\",\"project\":\""
                  + o.project() + "\"},\"spec\":{\"subnets\":[{\"cidr\":\"" + address(networkBase(kk)) + "/20\"}]}}");
          return null;
        }));
      }
      for (Future<?> f : fs) f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
    long deadline = System.nanoTime() + o.timeout().toNanos();
    while (true) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + o.project()
          + "/routinginstances")).GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode items = json.readTree(r.body()).path("items");
      if (items.size() >= o.networks()) break;
      if (System.nanoTime() > deadline) {
        throw new IOException("only " + items.size() + " of " + o.networks() + " RoutingInstances appeared; is the compiler running in the config role?");
      }
      Thread.sleep(100);
    }
    out.printf("sim-agents: %d networks in project %s compiled to routing instances in %.2f s%n", o.networks(), o.project(),
        (System.nanoTime() - t) / 1e9);
  }

  private static void post(HttpClient http, String url, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201 && r.statusCode() != 409) throw new IOException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
  }
}
