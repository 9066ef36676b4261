package io.weft.compiler.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.compiler.Compiler;
import io.weft.compiler.CompilerService;
import io.weft.config.store.Entry;
import io.weft.config.store.Store;
import io.weft.config.store.Write;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.model.Kind;
import io.weft.model.Metadata;
import io.weft.model.Reference;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.ResourceKey;
import io.weft.model.spec.ApplicationPolicySetSpec;
import io.weft.model.spec.Direction;
import io.weft.model.spec.Endpoint;
import io.weft.model.spec.FirewallPolicySpec;
import io.weft.model.spec.FirewallRuleSpec;
import io.weft.model.spec.NetworkPolicySpec;
import io.weft.model.spec.PolicyAction;
import io.weft.model.spec.PolicyAddress;
import io.weft.model.spec.PolicyRule;
import io.weft.model.spec.PortRange;
import io.weft.model.spec.ProjectSpec;
import io.weft.model.spec.Protocol;
import io.weft.model.spec.SecurityGroupRemote;
import io.weft.model.spec.SecurityGroupRule;
import io.weft.model.spec.SecurityGroupSpec;
import io.weft.model.spec.Service;
import io.weft.model.spec.Subnet;
import io.weft.model.spec.TagSpec;
import io.weft.model.spec.TrafficDirection;
import io.weft.model.spec.VirtualMachineInterfaceSpec;
import io.weft.model.spec.VirtualNetworkSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * bench/compiler: 1,000 projects × (10 networks, 100 ports, 5 network policies, tags, one
 * application policy set). Prints the in-memory full-compile time, the time for the
 * CompilerService to compile and write everything through the real SQLite store, the
 * p50/p99 from a single change's commit to its derived objects being written, and memory.
 * Never asserts on time. Arguments: [projects] [changes].
 */
public final class CompilerBenchmark {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String[] TIERS = {"web", "app", "db"};

  public static void main(String[] args) throws Exception {
    int projects = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int changes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    System.out.printf("bench/compiler: %d projects x (10 networks, 100 ports, 5 network policies, tags, 1 APS)%n", projects);
    List<Resource> resources = generate(projects);
    long ports = resources.stream().filter(r -> r.kindEnum() == Kind.VIRTUAL_MACHINE_INTERFACE).count();
    System.out.printf("inputs: %,d resources (%,d ports)%n", resources.size(), ports);

    // 1. Pure full compile in memory (twice; the second is with a warm JIT).
    for (int round = 1; round <= 2; round++) {
      long t0 = System.nanoTime();
      Map<ResourceKey, Resource> out = Compiler.full(resources);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("full compile (in memory, round %d): %,d ms -> %,d derived objects%n", round, ms, out.size());
    }
    System.gc();

    Path dir = Files.createTempDirectory("weft-bench-compiler");
    try (Store store = new SqliteStore(dir.resolve("weft.db"), 200_000, new PrometheusRegistry())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < resources.size(); i += 2000) {
        List<Write> batch = new ArrayList<>();
        for (Resource r : resources.subList(i, Math.min(resources.size(), i + 2000))) batch.add(new Write.Create(r.key(), CODEC.toJson(r), refs(r)));
        store.commit(batch);
      }
      System.out.printf("store load of inputs: %,d ms (revision %,d)%n", (System.nanoTime() - t0) / 1_000_000, store.revision());

      try (CompilerService service = new CompilerService(store, CODEC)) {
        t0 = System.nanoTime();
        service.start();
        if (!service.awaitRevision(store.revision(), Duration.ofMinutes(30))) throw new IllegalStateException("initial compile did not finish");
        System.out.printf("full compile through the store (list + compile + write every derived object): %,d ms%n",
            (System.nanoTime() - t0) / 1_000_000);
        memory("after full compile");

        // Anchor: the same store's own commit latency, and a change the compiler reads but
        // that affects no derived object (a Tag's description): commit + watch + no-op compile.
        long[] commitOnly = new long[Math.min(changes, 500)];
        long[] noop = new long[commitOnly.length];
        for (int i = 0; i < commitOnly.length; i++) {
          Resource tag = res("p" + (i % projects), "tier=web", new TagSpec("anchor " + i));
          long start = System.nanoTime();
          Entry done = store.apply(new Write.Update(tag.key(), CODEC.toJson(tag), refs(tag), 0));
          commitOnly[i] = System.nanoTime() - start;
          service.awaitRevision(done.modRevision(), Duration.ofSeconds(30));
          noop[i] = System.nanoTime() - start;
        }
        print("anchor: store commit alone (durable)", commitOnly);
        print("anchor: commit -> compiler caught up, nothing derived to write", noop);

        Random random = new Random(42);
        long[] all = new long[changes];
        List<Long> portChanges = new ArrayList<>();
        List<Long> policyChanges = new ArrayList<>();
        List<Long> createDeletes = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
          int p = random.nextInt(projects);
          int kind = random.nextInt(10);
          List<Write> w;
          if (kind < 8) {
            // Re-tag one port: affects that port's config only.
            int n = random.nextInt(10);
            int v = random.nextInt(10);
            Resource port = port(p, n, v, TIERS[random.nextInt(3)]);
            w = List.of(new Write.Update(port.key(), CODEC.toJson(port), refs(port), 0));
          } else if (kind == 8) {
            // Change one network policy's port: the two networks' instances and their 20 ports.
            Resource np = networkPolicy(p, random.nextInt(5), 80 + random.nextInt(1000));
            w = List.of(new Write.Update(np.key(), CODEC.toJson(np), refs(np), 0));
          } else {
            Resource port = port(p, random.nextInt(10), 100 + i, "web");
            w = List.of(new Write.Create(port.key(), CODEC.toJson(port), refs(port)));
          }
          long start = System.nanoTime();
          List<Entry> done = store.commit(w);
          if (!service.awaitRevision(done.getLast().modRevision(), Duration.ofSeconds(30))) throw new IllegalStateException("change not compiled");
          long ns = System.nanoTime() - start;
          all[i] = ns;
          (kind < 8 ? portChanges : kind == 8 ? policyChanges : createDeletes).add(ns);
        }
        print("single change, commit -> derived written (all)", all);
        print("  port re-tag (1 PortConfig)", portChanges.stream().mapToLong(Long::longValue).toArray());
        print("  network policy edit (2 RoutingInstances + 20 PortConfigs)", policyChanges.stream().mapToLong(Long::longValue).toArray());
        print("  port create (1 PortConfig)", createDeletes.stream().mapToLong(Long::longValue).toArray());
        memory("end");
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void print(String what, long[] ns) {
    if (ns.length == 0) return;
    long[] s = ns.clone();
    Arrays.sort(s);
    System.out.printf("%s: n=%d p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 10 ms)%n", what, s.length,
        s[s.length / 2] / 1e6, s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6);
  }

  private static void memory(String when) throws Exception {
    System.gc();
    Thread.sleep(200);
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
    System.out.printf("memory (%s): heap after GC %,d MB, %s%n", when, heap / (1024 * 1024), rss);
  }

  private static Set<ResourceKey> refs(Resource r) {
    Set<ResourceKey> out = new HashSet<>();
    for (Reference ref : r.references()) out.add(ref.key());
    return out;
  }

  private static Resource res(String project, String name, io.weft.model.Spec spec) {
    return Resource.of(new Metadata(name, project, UUID.nameUUIDFromBytes((project + "/" + name + spec.getClass()).getBytes()).toString(), 0, Map.of()), spec);
  }

  static List<Resource> generate(int projects) {
    List<Resource> out = new ArrayList<>();
    out.add(res(null, "site=east", new TagSpec(null)));
    for (int p = 0; p < projects; p++) {
      String proj = "p" + p;
      out.add(res(null, proj, new ProjectSpec(null, List.of("site=east"))));
      for (String t : List.of("application=portal", "tier=web", "tier=app", "tier=db", "deployment=prod", "deployment=dev")) {
        out.add(res(proj, t, new TagSpec(null)));
      }
      out.add(res(proj, "default", new SecurityGroupSpec(List.of(
          new SecurityGroupRule(TrafficDirection.INGRESS, null, null, new SecurityGroupRemote(null, "local"), null),
          new SecurityGroupRule(TrafficDirection.INGRESS, Protocol.TCP, null, new SecurityGroupRemote("10.0.0.0/8", null), List.of(PortRange.single(22))),
          new SecurityGroupRule(TrafficDirection.EGRESS, null, null, new SecurityGroupRemote("0.0.0.0/0", null), null)))));
      for (int i = 0; i < 5; i++) out.add(networkPolicy(p, i, 80));
      out.add(res(proj, "web-to-app", new FirewallRuleSpec(PolicyAction.PASS, false, Direction.FORWARD,
          new Service(Protocol.TCP, List.of(PortRange.single(8080)), null), null,
          Endpoint.ofTags("tier=web"), Endpoint.ofTags("tier=app"), List.of("deployment"))));
      out.add(res(proj, "app-to-db", new FirewallRuleSpec(PolicyAction.PASS, false, Direction.FORWARD,
          new Service(Protocol.TCP, List.of(PortRange.single(1521), PortRange.single(1630)), null), null,
          Endpoint.ofTags("tier=app"), Endpoint.ofTags("tier=db"), List.of("deployment"))));
      out.add(res(proj, "three-tier", new FirewallPolicySpec(List.of("web-to-app", "app-to-db"))));
      out.add(res(proj, "portal", new ApplicationPolicySetSpec("application=portal", false, List.of("three-tier"))));
      for (int n = 0; n < 10; n++) {
        out.add(res(proj, "net" + n, new VirtualNetworkSpec(List.of(new Subnet("10." + (p % 250) + "." + n + ".0/24")), null, null, null,
            List.of(), List.of(), List.of(), false, false, false, false, List.of("np" + (n / 2)),
            List.of("application=portal", n % 2 == 0 ? "deployment=prod" : "deployment=dev"))));
      }
      for (int n = 0; n < 10; n++) for (int v = 0; v < 10; v++) out.add(port(p, n, v, TIERS[v % 3]));
    }
    return out;
  }

  /** Network policy i of project p joins net(2i) and net(2i+1) on TCP {@code port}. */
  static Resource networkPolicy(int p, int i, int port) {
    return res("p" + p, "np" + i, new NetworkPolicySpec(List.of(new PolicyRule(PolicyAction.PASS, false, null, null, Protocol.TCP, Direction.BOTH,
        PolicyAddress.ofNetwork("net" + (2 * i)), PolicyAddress.ofNetwork("net" + (2 * i + 1)), null, List.of(PortRange.single(port))))));
  }

  /** Port v of network n in project p, with the address and MAC admission would have recorded. */
  static Resource port(int p, int n, int v, String tier) {
    Resource r = res("p" + p, "net" + n + "-port" + v, new VirtualMachineInterfaceSpec("net" + n, null, List.of(), List.of("default"),
        List.of("tier=" + tier), List.of(), false, null));
    ObjectNode status = CODEC.json().createObjectNode();
    status.put("macAddress", String.format("02:00:%02x:%02x:%02x:%02x", (p >> 8) & 0xff, p & 0xff, n, v & 0xff));
    status.putArray("addresses").add("10." + (p % 250) + "." + n + "." + (3 + v % 250));
    return r.withStatus(status);
  }
}
