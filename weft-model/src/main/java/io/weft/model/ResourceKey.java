package io.weft.model;

/** Identity of a resource: names are unique per kind and project. {@code project} is null for cluster-wide kinds. */
public record ResourceKey(Kind kind, String project, String name) implements Comparable<ResourceKey> {
  public ResourceKey {
    if (kind.clusterScoped()) {
      project = null;
    }
  }

  /** {@code Kind/project/name}, or {@code Kind/name} for cluster-wide kinds. */
  @Override
  public String toString() {
    return project == null ? kind.kindName() + "/" + name : kind.kindName() + "/" + project + "/" + name;
  }

  @Override
  public int compareTo(ResourceKey o) {
    int c = kind.compareTo(o.kind);
    if (c != 0) return c;
    c = String.valueOf(project).compareTo(String.valueOf(o.project));
    return c != 0 ? c : name.compareTo(o.name);
  }
}
