package io.weft.compiler;

import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.spec.VirtualNetworkSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The incremental intent compiler (the "schema transformer", tungsten-fabric.md §2): user
 * resources in, derived resources out — a RoutingInstance per VirtualNetwork and a
 * PortConfig per VirtualMachineInterface.
 *
 * <p>Each derived object is a pure function of the inputs it reads plus the pool
 * assignments of networks ({@link Allocations}); {@link Reads} records what it read, and
 * {@link DependencyIndex} maps every input back to the derived objects that read it. A
 * change recomputes exactly those, so the result always equals {@link #full} of the same
 * inputs with the same assignments (the property test checks this).
 *
 * <p>Not thread-safe: one thread (CompilerService's) owns an instance.
 */
public final class Compiler {
  private final Inputs inputs = new Inputs();
  private final Allocations allocations;
  private final DependencyIndex index = new DependencyIndex();
  private final Map<ResourceKey, Resource> derived = new HashMap<>();
  private final NetworkCompiler networks = new NetworkCompiler();
  private final PortCompiler ports = new PortCompiler();
  private final Map<ResourceKey, Allocations.Seed> seeds;

  /** An empty compiler; {@code seeds} are the assignments persisted in RoutingInstances (see {@link #seedsOf}). */
  public Compiler(Map<ResourceKey, Allocations.Seed> seeds) {
    this.allocations = new Allocations(seeds);
    this.seeds = Map.copyOf(seeds);
  }

  public Compiler() {
    this(Map.of());
  }

  /** Compiles {@code resources} from scratch, re-using assignments found in the derived ones among them. */
  public static Map<ResourceKey, Resource> full(Collection<Resource> resources) {
    Compiler c = new Compiler(seedsOf(resources));
    c.load(resources);
    return c.derived();
  }

  /**
   * Loads a whole listing (user and derived resources; derived ones are skipped) in a
   * deterministic order, then drops seeds no network claimed. Returns the resulting delta
   * against an empty output.
   */
  public Delta load(Collection<Resource> resources) {
    // Keys computed once: Resource.key() resolves the kind by name each time.
    record Keyed(ResourceKey key, int rank, Resource resource) {}
    List<Keyed> user = new ArrayList<>();
    for (Resource r : resources) {
      ResourceKey key = r.key();
      if (isInput(key.kind())) user.add(new Keyed(key, loadRank(key, r), r));
    }
    user.sort(Comparator.comparingInt(Keyed::rank).thenComparing(Keyed::key));
    List<Change> changes = new ArrayList<>(user.size());
    for (Keyed k : user) changes.add(new Change.Upsert(k.resource()));
    Delta d = apply(changes);
    allocations.dropUnclaimedSeeds();
    return d;
  }

  /**
   * Networks holding their fixed VNI (per their seed) first, then other fixed ones, so a
   * fixed VNI goes to the network that held it and is never taken by an automatic
   * assignment made earlier in the same load; everything else by key.
   */
  private int loadRank(ResourceKey key, Resource r) {
    if (!(r.spec() instanceof VirtualNetworkSpec vn) || vn.vni() == null) return 2;
    Allocations.Seed seed = seeds.get(key);
    return seed != null && seed.vni() == vn.vni() ? 0 : 1;
  }

  /** The assignments recorded in the status of the RoutingInstances among {@code resources}. */
  public static Map<ResourceKey, Allocations.Seed> seedsOf(Collection<Resource> resources) {
    Map<ResourceKey, Allocations.Seed> seeds = new HashMap<>();
    for (Resource r : resources) {
      if (r.kindEnum() != Kind.ROUTING_INSTANCE || r.status() == null) continue;
      int rt = r.status().path(NetworkCompiler.STATUS_ROUTE_TARGET).asInt(0);
      int vni = r.status().path(NetworkCompiler.STATUS_VNI).asInt(0);
      seeds.put(new ResourceKey(Kind.VIRTUAL_NETWORK, r.metadata().project(), r.metadata().name()), new Allocations.Seed(rt, vni));
    }
    return seeds;
  }

  /** Whether the compiler reads resources of {@code kind} (its own outputs and internal kinds it does not). */
  public static boolean isInput(Kind kind) {
    return !kind.derived() && !kind.internal();
  }

  /** Applies the changes in order and returns what changed in the derived objects. */
  public Delta apply(List<Change> changes) {
    Set<ResourceKey> dirty = new TreeSet<>();
    for (Change ch : changes) {
      ResourceKey key = ch.key();
      if (!isInput(key.kind())) continue;
      Set<ResourceKey> touched = new TreeSet<>();
      touched.add(key);
      switch (ch) {
        case Change.Upsert u -> {
          inputs.put(u.resource());
          if (u.resource().spec() instanceof VirtualNetworkSpec vn) touched.addAll(allocations.assign(key, vn.vni()));
        }
        case Change.Removal r -> {
          if (inputs.remove(key) != null && key.kind() == Kind.VIRTUAL_NETWORK) touched.addAll(allocations.release(key));
        }
      }
      for (ResourceKey t : touched) {
        index.addDependentsOf(t, dirty);
        ResourceKey own = ownDerived(t);
        if (own != null) dirty.add(own);
      }
      index.addDependentsOf(new Query(key.kind(), key.project()), dirty);
    }
    List<Resource> upserts = new ArrayList<>();
    List<ResourceKey> removals = new ArrayList<>();
    for (ResourceKey d : dirty) {
      Reads reads = new Reads(inputs, allocations);
      Resource out = compute(d, reads);
      if (out == null) index.forget(d);
      else index.record(d, reads.tokens());
      Resource before = out == null ? derived.remove(d) : derived.put(d, out);
      if (out == null && before != null) removals.add(d);
      else if (out != null && !out.equals(before)) upserts.add(out);
    }
    return new Delta(upserts, removals);
  }

  /** The derived object an input owns (a network's routing instance, a port's config), or null. */
  private static ResourceKey ownDerived(ResourceKey input) {
    return switch (input.kind()) {
      case VIRTUAL_NETWORK -> new ResourceKey(Kind.ROUTING_INSTANCE, input.project(), input.name());
      case VIRTUAL_MACHINE_INTERFACE -> new ResourceKey(Kind.PORT_CONFIG, input.project(), input.name());
      default -> null;
    };
  }

  private Resource compute(ResourceKey d, Reads reads) {
    return switch (d.kind()) {
      case ROUTING_INSTANCE -> networks.compile(new ResourceKey(Kind.VIRTUAL_NETWORK, d.project(), d.name()), reads);
      case PORT_CONFIG -> ports.compile(new ResourceKey(Kind.VIRTUAL_MACHINE_INTERFACE, d.project(), d.name()), reads);
      default -> null;
    };
  }

  /** Every derived object, sorted by key. */
  public Map<ResourceKey, Resource> derived() {
    return new TreeMap<>(derived);
  }

  public Resource derived(ResourceKey key) {
    return derived.get(key);
  }

  public int inputCount() {
    return inputs.size();
  }
}
