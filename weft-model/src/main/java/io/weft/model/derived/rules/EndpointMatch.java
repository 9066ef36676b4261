package io.weft.model.derived.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One side of a compiled rule: which flow endpoints it selects. Exactly the fields its
 * {@code type} names are set:
 * <ul>
 *   <li>{@code any}: every endpoint;
 *   <li>{@code network}: endpoints on network {@code network} ({@code project/name});
 *   <li>{@code cidr}: endpoints whose address is in one of {@code cidrs};
 *   <li>{@code addressGroup}: as {@code cidr}, with the group's prefixes expanded into
 *       {@code cidrs} and its name in {@code name} for display;
 *   <li>{@code securityGroup}: endpoints that are members of security group {@code name}
 *       ({@code project/name});
 *   <li>{@code tags}: endpoints carrying every tag of {@code tags} ({@code type=value}).
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EndpointMatch(Type type, String network, List<String> cidrs, String name, List<String> tags) {
  public enum Type {
    @JsonProperty("any") ANY,
    @JsonProperty("network") NETWORK,
    @JsonProperty("cidr") CIDR,
    @JsonProperty("addressGroup") ADDRESS_GROUP,
    @JsonProperty("securityGroup") SECURITY_GROUP,
    @JsonProperty("tags") TAGS
  }

  public static final EndpointMatch ANY = new EndpointMatch(Type.ANY, null, List.of(), null, List.of());

  public EndpointMatch {
    if (type == null) throw new IllegalArgumentException("endpoint type is required");
    cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
    tags = tags == null ? List.of() : List.copyOf(tags);
    switch (type) {
      case NETWORK -> require(network != null, "a network endpoint needs network");
      case CIDR -> require(!cidrs.isEmpty(), "a cidr endpoint needs cidrs");
      case ADDRESS_GROUP -> require(name != null, "an address group endpoint needs its name");
      case SECURITY_GROUP -> require(name != null, "a security group endpoint needs name");
      case TAGS -> require(!tags.isEmpty(), "a tags endpoint needs tags");
      case ANY -> { }
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  public static EndpointMatch network(String network) {
    return new EndpointMatch(Type.NETWORK, network, List.of(), null, List.of());
  }

  public static EndpointMatch cidrs(List<String> cidrs) {
    return new EndpointMatch(Type.CIDR, null, cidrs, null, List.of());
  }

  public static EndpointMatch cidr(String cidr) {
    return cidrs(List.of(cidr));
  }

  public static EndpointMatch addressGroup(String name, List<String> prefixes) {
    return new EndpointMatch(Type.ADDRESS_GROUP, null, prefixes, name, List.of());
  }

  public static EndpointMatch securityGroup(String name) {
    return new EndpointMatch(Type.SECURITY_GROUP, null, List.of(), name, List.of());
  }

  public static EndpointMatch tags(List<String> tags) {
    return new EndpointMatch(Type.TAGS, null, List.of(), null, tags);
  }

  /** A short human form: {@code any}, {@code network:p/n}, {@code cidr:10.0.0.0/8}, {@code tags:tier=web}... */
  @Override
  public String toString() {
    return switch (type) {
      case ANY -> "any";
      case NETWORK -> "network:" + network;
      case CIDR -> "cidr:" + String.join(",", cidrs);
      case ADDRESS_GROUP -> "addressGroup:" + name;
      case SECURITY_GROUP -> "securityGroup:" + name;
      case TAGS -> "tags:" + String.join(",", tags);
    };
  }
}
