package io.weft.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.model.Kind;
import io.weft.model.ResourceKey;

/** How weftctl names a resource in its output: {@code virtualnetwork/finance/red}, {@code project/finance}. */
public final class ResourceNames {
  private ResourceNames() {}

  public static String of(Kind kind, String project, String name) {
    return project == null || kind.clusterScoped()
        ? kind.singular() + "/" + name
        : kind.singular() + "/" + project + "/" + name;
  }

  public static String of(ResourceKey key) {
    return of(key.kind(), key.project(), key.name());
  }

  /** For a resource as the API returns it; the kind is taken from the envelope. */
  public static String of(JsonNode resource) {
    String kindName = resource.path("kind").asText();
    String project = resource.path("metadata").path("project").asText(null);
    String name = resource.path("metadata").path("name").asText();
    return Kind.fromKindName(kindName)
        .map(k -> of(k, project, name))
        .orElse(kindName.toLowerCase(java.util.Locale.ROOT) + "/" + (project == null ? "" : project + "/") + name);
  }
}
