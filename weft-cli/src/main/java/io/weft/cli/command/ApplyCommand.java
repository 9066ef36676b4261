package io.weft.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.cli.CliException;
import io.weft.cli.Weftctl;
import io.weft.cli.api.ApiException;
import io.weft.cli.output.ResourceNames;
import io.weft.model.Kind;
import io.weft.model.LabelSelector;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weftctl apply}: makes the store hold what the files declare. Each resource is read
 * back first: absent ones are created, ones whose spec or labels differ are replaced with
 * the stored resourceVersion as precondition, equal ones are left alone, so applying the
 * same files twice changes nothing. Resources go in file order, so a file declaring a
 * network after its IPAM applies cleanly.
 */
@Command(
    name = "apply",
    description = "Create or update resources from files, directories or stdin.",
    mixinStandardHelpOptions = true)
public final class ApplyCommand implements Callable<Integer> {
  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
      description = "A YAML/JSON file (multi-document allowed), a directory (every *.yaml, *.yml, *.json below it, in name order) or - for stdin. Repeatable.")
  List<String> files;

  @Option(names = "--dry-run", description = "Change nothing; print what would be created, the diff of what would be configured, and what would be pruned.")
  boolean dryRun;

  @Option(names = "--prune", description = "After applying, delete resources matching -l that the files no longer declare (every kind).")
  boolean prune;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector limiting --prune, e.g. app=finance,tier!=db.")
  String selector;

  private final Weftctl root;

  public ApplyCommand(Weftctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    LabelSelector pruneSelector = null;
    if (prune) {
      if (selector == null || selector.isBlank()) {
        throw CliException.usage("--prune needs -l SELECTOR so it only deletes what these files manage");
      }
      pruneSelector = parseSelector(selector);
    } else if (selector != null) {
      throw CliException.usage("-l is only used with --prune");
    }

    List<Manifest> manifests = Manifests.read(files, root.in(), root.codec());
    ResourceDiff differ = new ResourceDiff(root.codec());
    boolean ok = true;
    Set<ResourceKey> declared = new HashSet<>();
    for (Manifest m : manifests) {
      declared.add(m.resource().key());
      ok &= applyOne(m, differ);
    }
    if (prune) {
      if (!ok) {
        root.err().println("error: not pruning because some resources failed to apply");
        return Weftctl.EXIT_ERROR;
      }
      ok = prune(declared, pruneSelector);
    }
    return ok ? Weftctl.EXIT_OK : Weftctl.EXIT_ERROR;
  }

  private boolean applyOne(Manifest m, ResourceDiff differ) {
    Resource local = m.resource();
    String name = ResourceNames.of(local.key());
    try {
      Optional<JsonNode> live = root.client().get(local.kindEnum(), local.metadata().project(), local.metadata().name());
      if (live.isEmpty()) {
        if (dryRun) root.out().println("would create " + name);
        else {
          root.client().create(local);
          root.out().println(name + " created");
        }
        return true;
      }
      String diff = differ.diff(name, live.get(), local);
      if (diff.isEmpty()) {
        root.out().println(name + " unchanged");
      } else if (dryRun) {
        root.out().println("would configure " + name);
        root.out().print(diff);
      } else {
        long version = live.get().path("metadata").path("resourceVersion").asLong(0);
        root.client().replace(local.withMetadata(local.metadata().withResourceVersion(version)));
        root.out().println(name + " configured");
      }
      return true;
    } catch (ApiException e) {
      root.err().print(m.source() + ": " + name + ": ");
      root.printApiError(e);
      return false;
    }
  }

  private boolean prune(Set<ResourceKey> declared, LabelSelector pruneSelector) {
    List<Resource> stale = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (JsonNode item : root.client().list(kind, null, pruneSelector.toString()).items()) {
        Resource r;
        try {
          r = root.codec().fromTree(item);
        } catch (ValidationException e) {
          root.err().println("warning: skipping " + ResourceNames.of(item) + " in prune: " + e.getMessage());
          continue;
        }
        // The server filters by the selector already; checking again guards against an older server.
        if (!declared.contains(r.key()) && pruneSelector.matches(r.metadata().labels())) stale.add(r);
      }
    }
    List<ResourceKey> ordered = DeletionOrder.order(preferredDeletionOrder(stale)).stream().map(Resource::key).toList();
    if (dryRun) {
      for (ResourceKey k : ordered) root.out().println("would delete " + ResourceNames.of(k));
      return true;
    }
    return new Deleter(root, "pruned", true).deleteAll(ordered);
  }

  /** Kinds later in {@link Kind} build on earlier ones, so without references the later go first. */
  private static List<Resource> preferredDeletionOrder(List<Resource> rs) {
    List<Resource> sorted = new ArrayList<>(rs);
    sorted.sort((a, b) -> b.kindEnum().compareTo(a.kindEnum()) != 0
        ? b.kindEnum().compareTo(a.kindEnum())
        : a.key().compareTo(b.key()));
    return sorted;
  }

  static LabelSelector parseSelector(String text) {
    try {
      return LabelSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
