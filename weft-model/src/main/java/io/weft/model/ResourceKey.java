package io.weft.model;

import java.util.Objects;

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

  // equals and hashCode by hand: a record's generated ones go through method handles, which
  // the config role's C1-compiled code (bin/lib.sh) calls without inlining, and keys are
  // hashed and compared on every request, write and compile.
  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceKey k && kind == k.kind && Objects.equals(name, k.name) && Objects.equals(project, k.project);
  }

  @Override
  public int hashCode() { // the record's own formula, so hash iteration orders stay as they were
    return (Objects.hashCode(kind) * 31 + Objects.hashCode(project)) * 31 + Objects.hashCode(name);
  }

  @Override
  public int compareTo(ResourceKey o) {
    int c = kind.compareTo(o.kind);
    if (c != 0) return c;
    c = String.valueOf(project).compareTo(String.valueOf(o.project));
    return c != 0 ? c : name.compareTo(o.name);
  }
}
