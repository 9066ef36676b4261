package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.Spec;
import io.weft.model.TagSyntax;
import java.util.List;

/** A tenant. Tags set here are inherited by its networks and ports (SYSTEM.md §2). */
public record ProjectSpec(String description, List<String> tags) implements Spec {
  public ProjectSpec {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  @Override
  public void validate(Problems problems) {
    TagSyntax.validateAll(tags, problems.at("tags"));
  }

  @Override
  public List<Reference> references(String project) {
    // A project's own tags live in the project itself.
    return TagSyntax.references(tags, null, "spec.tags");
  }
}
