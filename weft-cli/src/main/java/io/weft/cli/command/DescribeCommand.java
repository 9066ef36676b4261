package io.weft.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.cli.CliException;
import io.weft.cli.Weftctl;
import io.weft.cli.output.Documents;
import io.weft.cli.output.ResourceNames;
import io.weft.model.Kind;
import io.weft.model.Reference;
import io.weft.model.Resource;
import io.weft.model.ValidationException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weftctl describe}: one resource for a human: identity, labels, spec and status as
 * YAML, and what it refers to. The API does not index the reverse direction, so
 * "referenced by" is not shown.
 */
@Command(name = "describe", description = "Show one resource in detail.", mixinStandardHelpOptions = true)
public final class DescribeCommand implements Callable<Integer> {
  private static final String FIELD = "%-18s%s%n";

  @Parameters(index = "0", paramLabel = "KIND", description = "Kind: plural, singular or short name.")
  String kindName;

  @Parameters(index = "1", paramLabel = "NAME")
  String name;

  @Option(names = {"-n", "--project"}, paramLabel = "PROJECT", description = "Project (default: $WEFT_PROJECT).")
  String project;

  private final Weftctl root;

  public DescribeCommand(Weftctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    Kind kind = Kinds.resolve(kindName);
    ProjectScope scope = ProjectScope.resolve(kind, project, false, root.defaultProject(), true);
    JsonNode r = root.client().get(kind, scope.project(), name)
        .orElseThrow(() -> new CliException(ResourceNames.of(kind, scope.project(), name) + " not found"));
    root.out().print(render(r));
    return Weftctl.EXIT_OK;
  }

  String render(JsonNode r) {
    Documents docs = new Documents(root.codec());
    JsonNode m = r.path("metadata");
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(FIELD, "Name:", m.path("name").asText()));
    if (m.hasNonNull("project")) sb.append(String.format(FIELD, "Project:", m.path("project").asText()));
    sb.append(String.format(FIELD, "Kind:", r.path("kind").asText()));
    sb.append(String.format(FIELD, "UID:", m.path("uid").asText("")));
    sb.append(String.format(FIELD, "Resource version:", m.path("resourceVersion").asText("")));
    sb.append(String.format(FIELD, "Labels:", labels(m.path("labels"))));
    sb.append("Spec:\n").append(indented(r.path("spec"), docs));
    sb.append("Status:\n").append(indented(r.path("status"), docs));
    List<Reference> refs = references(r);
    sb.append("Refers to:");
    if (refs.isEmpty()) sb.append(" <none>\n");
    else {
      sb.append('\n');
      for (Reference ref : refs) sb.append("  ").append(ResourceNames.of(ref.key())).append("  (").append(ref.field()).append(")\n");
    }
    return sb.toString();
  }

  private List<Reference> references(JsonNode r) {
    try {
      Resource resource = root.codec().fromTree(r);
      return resource.references();
    } catch (ValidationException e) {
      return List.of();
    }
  }

  private static String labels(JsonNode labels) {
    if (labels.isEmpty()) return "<none>";
    StringBuilder sb = new StringBuilder();
    labels.properties().forEach(e -> sb.append(sb.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asText()));
    return sb.toString();
  }

  /** Lists the server filled in as empty are noise to a reader; they mean "none" either way. */
  private static JsonNode withoutEmptyLists(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.properties().removeIf(e -> e.getValue().isArray() && e.getValue().isEmpty());
      o.forEach(DescribeCommand::withoutEmptyLists);
    } else if (node.isArray()) {
      node.forEach(DescribeCommand::withoutEmptyLists);
    }
    return node;
  }

  private static String indented(JsonNode node, Documents docs) {
    if (node.isMissingNode() || node.isNull() || node.isEmpty()) return "  <none>\n";
    StringBuilder sb = new StringBuilder();
    docs.yaml(withoutEmptyLists(node.deepCopy())).lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    return sb.toString();
  }
}
