package io.weft.model.spec;

import io.weft.model.Cidr;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.Spec;
import io.weft.model.TagSyntax;
import java.util.List;

/**
 * A named set of prefixes firewall rules match as one endpoint, for addresses outside
 * Weft's ports (legacy servers, partner networks). Its tags let tag-based rules select it.
 */
public record AddressGroupSpec(List<String> prefixes, List<String> tags) implements Spec {
  public AddressGroupSpec {
    prefixes = Lists.copy(prefixes);
    tags = Lists.copy(tags);
  }

  @Override
  public void validate(Problems problems) {
    for (int i = 0; i < prefixes.size(); i++) {
      try {
        Cidr.parse(prefixes.get(i));
      } catch (IllegalArgumentException e) {
        problems.at("prefixes").at(i).add(e.getMessage());
      }
    }
    TagSyntax.validateAll(tags, problems.at("tags"));
  }

  @Override
  public List<Reference> references(String project) {
    return TagSyntax.references(tags, project, "spec.tags");
  }
}
