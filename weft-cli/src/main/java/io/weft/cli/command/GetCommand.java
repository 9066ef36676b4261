package io.weft.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.cli.CliException;
import io.weft.cli.Weftctl;
import io.weft.cli.api.ApiClient;
import io.weft.cli.output.Documents;
import io.weft.cli.output.ResourceColumns;
import io.weft.cli.output.ResourceNames;
import io.weft.cli.output.TableFormatter;
import io.weft.model.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weftctl get}: lists resources of a kind, or shows one, as a table, YAML or JSON; or watches them. */
@Command(
    name = "get",
    description = "List resources of a kind, show one, or watch them.",
    mixinStandardHelpOptions = true,
    footer = {"", "Examples:", "  weftctl get vn -n finance", "  weftctl get virtualnetworks -A -l site=east -o wide",
        "  weftctl get vn red -n finance -o yaml", "  weftctl get vn -A --watch"})
public final class GetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KIND", description = "Kind: plural, singular or short name (virtualnetworks, virtualnetwork, vn).")
  String kindName;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "One resource's name.")
  String name;

  @Option(names = {"-n", "--project"}, paramLabel = "PROJECT", description = "Project (default: $WEFT_PROJECT).")
  String project;

  @Option(names = {"-A", "--all-projects"}, description = "Every project.")
  boolean allProjects;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector, e.g. site=east,tier!=db.")
  String selector;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, wide, yaml or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(names = {"-w", "--watch"}, description = "Print the current resources as ADDED events, then every change, until interrupted.")
  boolean watch;

  @Option(names = "--max-events", paramLabel = "N", description = "With --watch: stop after N events (default: never).")
  int maxEvents;

  private final Weftctl root;

  public GetCommand(Weftctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    Kind kind = Kinds.resolve(kindName);
    if (selector != null) ApplyCommand.parseSelector(selector);
    ProjectScope scope = ProjectScope.resolve(kind, project, allProjects, root.defaultProject(), name != null && !watch);
    ApiClient client = root.client();
    if (watch) return watch(kind, scope);

    Documents docs = new Documents(root.codec());
    if (name != null) {
      JsonNode r = client.get(kind, scope.project(), name)
          .orElseThrow(() -> new CliException(ResourceNames.of(kind, scope.project(), name) + " not found"));
      switch (output) {
        case yaml -> root.out().print(docs.yaml(r));
        case json -> root.out().print(docs.json(r));
        case table, wide -> root.out().print(table(kind, List.of(r), scope).render());
      }
      return Weftctl.EXIT_OK;
    }

    ApiClient.Listing listing = client.list(kind, scope.project(), selector);
    List<JsonNode> items = listing.items().stream().filter(scope::admits).toList();
    switch (output) {
      case yaml -> root.out().print(docs.yamlStream(items));
      case json -> root.out().print(docs.json(docs.list(items, listing.resourceVersion())));
      case table, wide -> {
        if (items.isEmpty()) root.err().println("No " + kind.plural() + " found " + scope.describe() + ".");
        else root.out().print(table(kind, items, scope).render());
      }
    }
    return Weftctl.EXIT_OK;
  }

  private TableFormatter table(Kind kind, List<JsonNode> items, ProjectScope scope) {
    boolean projectColumn = scope.everywhere() && !kind.clusterScoped();
    List<ResourceColumns.Column> extra = ResourceColumns.of(kind.kindName(), output == OutputFormat.wide);
    List<String> headers = new ArrayList<>();
    headers.add("NAME");
    if (projectColumn) headers.add("PROJECT");
    extra.forEach(c -> headers.add(c.header()));
    TableFormatter t = new TableFormatter(headers);
    for (JsonNode r : items) {
      List<String> cells = new ArrayList<>();
      cells.add(r.path("metadata").path("name").asText());
      if (projectColumn) cells.add(r.path("metadata").path("project").asText(""));
      extra.forEach(c -> cells.add(c.cell().apply(r)));
      t.row(cells);
    }
    return t;
  }

  /**
   * Lists first and watches from the listing's revision, so no change between the two is
   * lost and every line reads the same: {@code EVENT kind/project/name}.
   */
  private int watch(Kind kind, ProjectScope scope) {
    ApiClient client = root.client();
    ApiClient.Listing listing = client.list(kind, scope.project(), selector);
    AtomicInteger printed = new AtomicInteger();
    for (JsonNode item : listing.items()) {
      if (!wanted(item, scope)) continue;
      printEvent("ADDED", item);
      if (maxEvents > 0 && printed.incrementAndGet() >= maxEvents) return Weftctl.EXIT_OK;
    }
    AtomicReference<String> failure = new AtomicReference<>();
    client.watch(kind, scope.project(), selector, listing.resourceVersion(), event -> {
      String type = event.path("type").asText();
      JsonNode object = event.path("object");
      switch (type) {
        case "BOOKMARK" -> {
          return true;
        }
        case "ERROR" -> {
          failure.set(object.path("message").asText(object.toString()));
          return false;
        }
        default -> {
          if (!wanted(object, scope)) return true;
          if (output == OutputFormat.json) root.out().println(event.toString());
          else printEvent(type, object);
          return maxEvents <= 0 || printed.incrementAndGet() < maxEvents;
        }
      }
    });
    if (failure.get() != null) {
      root.err().println("error: watch ended by the server: " + failure.get());
      return Weftctl.EXIT_ERROR;
    }
    return Weftctl.EXIT_OK;
  }

  private boolean wanted(JsonNode object, ProjectScope scope) {
    return scope.admits(object) && (name == null || name.equals(object.path("metadata").path("name").asText()));
  }

  private void printEvent(String type, JsonNode object) {
    if (output == OutputFormat.json && type.equals("ADDED")) {
      root.out().println("{\"type\":\"ADDED\",\"object\":" + object + "}");
    } else {
      root.out().println(type + " " + ResourceNames.of(object));
    }
    root.out().flush();
  }
}
