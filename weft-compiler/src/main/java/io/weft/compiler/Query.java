package io.weft.compiler;

import io.weft.model.Kind;

/**
 * A dependency on "every resource of {@code kind} in {@code project}" (project null: the
 * global or cluster-wide ones), so that a derived object that listed them is recomputed when
 * one is added, changed or removed.
 */
record Query(Kind kind, String project) {
  // By hand, with the record's formula: generated ones go through method handles, which C1
  // code (the config role's, bin/lib.sh) does not inline; queries are hashed on every compile.
  @Override
  public boolean equals(Object o) {
    return o instanceof Query q && kind == q.kind && java.util.Objects.equals(project, q.project);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(kind) * 31 + java.util.Objects.hashCode(project);
  }
}
