package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An address family of an instance IP. */
public enum IpFamily {
  @JsonProperty("v4") V4,
  @JsonProperty("v6") V6
}
