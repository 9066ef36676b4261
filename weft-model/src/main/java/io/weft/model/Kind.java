package io.weft.model;

import io.weft.model.spec.ProjectSpec;
import io.weft.model.spec.TagSpec;
import io.weft.model.spec.VirtualNetworkSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every resource kind: its envelope name, the lower-case plural used in API paths, short
 * names accepted by weftctl, its scope, and the record its spec maps to.
 */
public enum Kind {
  PROJECT("Project", "projects", Scope.CLUSTER, ProjectSpec.class, "proj"),
  VIRTUAL_NETWORK("VirtualNetwork", "virtualnetworks", Scope.PROJECT, VirtualNetworkSpec.class, "vn"),
  TAG("Tag", "tags", Scope.PROJECT_OR_GLOBAL, TagSpec.class),
  NETWORK_IPAM("NetworkIpam", "networkipams", Scope.PROJECT, TagSpec.class, "ipam"),
  NETWORK_POLICY("NetworkPolicy", "networkpolicies", Scope.PROJECT, TagSpec.class, "np");

  private final String kindName;
  private final String plural;
  private final Scope scope;
  private final Class<? extends Spec> specType;
  private final List<String> shortNames;

  Kind(String kindName, String plural, Scope scope, Class<? extends Spec> specType, String... shortNames) {
    this.kindName = kindName;
    this.plural = plural;
    this.scope = scope;
    this.specType = specType;
    this.shortNames = List.of(shortNames);
  }

  /** The name in the envelope's {@code kind} field, e.g. {@code VirtualNetwork}. */
  public String kindName() {
    return kindName;
  }

  /** The lower-case plural used in API paths, e.g. {@code virtualnetworks}. */
  public String plural() {
    return plural;
  }

  public String singular() {
    return kindName.toLowerCase(Locale.ROOT);
  }

  public Scope scope() {
    return scope;
  }

  public boolean clusterScoped() {
    return scope == Scope.CLUSTER;
  }

  public List<String> shortNames() {
    return shortNames;
  }

  public Class<? extends Spec> specType() {
    return specType;
  }

  public static Optional<Kind> fromKindName(String name) {
    return Arrays.stream(values()).filter(k -> k.kindName.equals(name)).findFirst();
  }

  /** Resolves what a user types: the kind name, plural, singular or a short name, any case. */
  public static Optional<Kind> lookup(String typed) {
    if (typed == null) return Optional.empty();
    String t = typed.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(k -> k.plural.equals(t) || k.singular().equals(t) || k.shortNames.contains(t))
        .findFirst();
  }

  public static Kind ofSpec(Class<?> specClass) {
    return Arrays.stream(values())
        .filter(k -> k.specType.equals(specClass))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kind for " + specClass.getName()));
  }
}
