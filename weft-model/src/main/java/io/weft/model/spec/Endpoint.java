package io.weft.model.spec;

import io.weft.model.Cidr;
import io.weft.model.Kind;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import io.weft.model.TagSyntax;
import java.util.List;

/**
 * One end of a firewall rule: exactly one of workloads carrying every one of {@code tags},
 * an address group, a network, a CIDR, or {@code any: true}.
 */
public record Endpoint(List<String> tags, String addressGroup, String network, String cidr, boolean any) {
  public Endpoint {
    tags = Lists.copy(tags);
  }

  public static Endpoint ofTags(String... tags) {
    return new Endpoint(List.of(tags), null, null, null, false);
  }

  public static Endpoint anything() {
    return new Endpoint(List.of(), null, null, null, true);
  }

  void validate(Problems p) {
    if (Lists.present(tags, addressGroup, network, cidr, any) != 1) {
      p.add("exactly one of tags, addressGroup, network, cidr, any: true is required");
      return;
    }
    TagSyntax.validateAll(tags, p.at("tags"));
    ReferenceSyntax.check(Kind.ADDRESS_GROUP, addressGroup, p.at("addressGroup"));
    ReferenceSyntax.check(Kind.VIRTUAL_NETWORK, network, p.at("network"));
    if (cidr != null) {
      try {
        Cidr.parse(cidr);
      } catch (IllegalArgumentException e) {
        p.add("cidr", e.getMessage());
      }
    }
  }

  void addReferences(List<Reference> out, String project, String field) {
    out.addAll(TagSyntax.references(tags, project, field + ".tags"));
    ReferenceSyntax.add(out, Kind.ADDRESS_GROUP, project, addressGroup, field + ".addressGroup");
    ReferenceSyntax.add(out, Kind.VIRTUAL_NETWORK, project, network, field + ".network");
  }
}
