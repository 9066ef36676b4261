package io.weft.model.derived.rules;

import java.util.List;

/**
 * One end of a flow as policy sees it: its address, its network ({@code project/name}), its
 * effective tags after inheritance ({@code type=value}; one value per type except
 * {@code label}) and its security groups ({@code project/name}). For a remote endpoint this
 * comes from its route, which carries tags and security groups (SYSTEM.md §2).
 */
public record Endpoint(String address, String network, List<String> tags, List<String> securityGroups) {
  public Endpoint {
    if (address == null) throw new IllegalArgumentException("address is required");
    tags = tags == null ? List.of() : List.copyOf(tags);
    securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
  }
}
