package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a policy or firewall rule does with a matching flow. */
public enum PolicyAction {
  @JsonProperty("pass") PASS,
  @JsonProperty("deny") DENY
}
