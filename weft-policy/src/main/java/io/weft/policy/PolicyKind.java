package io.weft.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The three policy kinds of SYSTEM.md §2; a flow passes only if every kind that applies allows it. */
public enum PolicyKind {
  @JsonProperty("networkPolicy") NETWORK_POLICY("networkPolicy"),
  @JsonProperty("securityGroup") SECURITY_GROUP("securityGroup"),
  @JsonProperty("firewall") FIREWALL("firewall");

  private final String label;

  PolicyKind(String label) {
    this.label = label;
  }

  /** The name used in explain output and JSON, e.g. {@code securityGroup}. */
  public String label() {
    return label;
  }
}
