package io.weft.model;

/** Where resources of a kind live. */
public enum Scope {
  /** Always in a project (tenant). */
  PROJECT,
  /** In a project, or global when {@code metadata.project} is absent (tags and application policy). */
  PROJECT_OR_GLOBAL,
  /** Cluster-wide; {@code metadata.project} must be absent. */
  CLUSTER
}
