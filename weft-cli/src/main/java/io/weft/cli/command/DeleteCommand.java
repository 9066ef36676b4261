package io.weft.cli.command;

import io.weft.cli.CliException;
import io.weft.cli.Weftctl;
import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weftctl delete}: by kind and names, or everything a file declares. File resources
 * go in reverse order (a file lists what others depend on first), refined by references so
 * ports go before networks; a delete refused because of a reference is retried after the rest.
 */
@Command(
    name = "delete",
    description = "Delete resources by kind and name, or those declared in files.",
    mixinStandardHelpOptions = true,
    footer = {"", "Examples:", "  weftctl delete vn red -n finance", "  weftctl delete -f examples/"})
public final class DeleteCommand implements Callable<Integer> {
  @Parameters(paramLabel = "KIND NAME", arity = "0..*", description = "Kind (plural, singular or short name), then one or more names.")
  List<String> words = new ArrayList<>();

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", description = "Delete what these files declare. Repeatable.")
  List<String> files = new ArrayList<>();

  @Option(names = {"-n", "--project"}, paramLabel = "PROJECT", description = "Project (default: $WEFT_PROJECT).")
  String project;

  @Option(names = "--ignore-not-found", description = "Do not fail on resources that are already gone.")
  boolean ignoreNotFound;

  private final Weftctl root;

  public DeleteCommand(Weftctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    List<ResourceKey> keys;
    if (!files.isEmpty()) {
      if (!words.isEmpty()) throw CliException.usage("give either -f or KIND NAME..., not both");
      List<Resource> declared = new ArrayList<>();
      for (Manifest m : Manifests.read(files, root.in(), root.codec())) declared.add(m.resource());
      List<Resource> reversed = new ArrayList<>(declared).reversed();
      keys = DeletionOrder.order(reversed).stream().map(Resource::key).distinct().toList();
    } else {
      if (words.size() < 2) throw CliException.usage("give KIND NAME... or -f FILE");
      Kind kind = Kinds.resolve(words.getFirst());
      ProjectScope scope = ProjectScope.resolve(kind, project, false, root.defaultProject(), true);
      keys = words.subList(1, words.size()).stream().map(n -> new ResourceKey(kind, scope.project(), n)).toList();
    }
    return new Deleter(root, "deleted", ignoreNotFound).deleteAll(keys) ? Weftctl.EXIT_OK : Weftctl.EXIT_ERROR;
  }
}
