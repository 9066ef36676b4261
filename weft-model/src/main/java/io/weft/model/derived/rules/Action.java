package io.weft.model.derived.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The simple action of a compiled rule (TF ActionListType.simple-action). */
public enum Action {
  @JsonProperty("pass") PASS,
  @JsonProperty("deny") DENY
}
