package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Overlay encapsulations, in a virtual router's order of preference (SYSTEM.md §4). */
public enum Encapsulation {
  @JsonProperty("MPLSoUDP") MPLS_OVER_UDP,
  @JsonProperty("MPLSoGRE") MPLS_OVER_GRE,
  @JsonProperty("VXLAN") VXLAN
}
