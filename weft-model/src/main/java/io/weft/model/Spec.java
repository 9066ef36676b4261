package io.weft.model;

import java.util.List;

/**
 * The user-written part of a resource. Each kind has one record implementing this;
 * {@link Kind} maps the kind name to it.
 */
public interface Spec {
  /** Adds every problem with this spec to {@code problems}, rooted at {@code spec}. */
  void validate(Problems problems);

  /**
   * The resources this spec refers to. {@code project} is the project of the resource
   * holding the spec (null for cluster-wide ones), used for references written by bare name.
   */
  default List<Reference> references(String project) {
    return List.of();
  }

  /**
   * Resources this spec matches on by name without requiring them: the networks and
   * security groups named in policy and security group rules. They may be created later
   * and deleted freely (a rule naming a missing one matches nothing), which is what lets
   * two networks name a policy that names them both, or two groups allow each other.
   * The config API does not enforce these; the compiler and {@code describe} resolve them.
   */
  default List<Reference> weakReferences(String project) {
    return List.of();
  }
}
