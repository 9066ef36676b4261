package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a network forwards: bridged only, routed only, or both (the default). */
public enum ForwardingMode {
  @JsonProperty("l2") L2,
  @JsonProperty("l3") L3,
  @JsonProperty("l2l3") L2L3
}
