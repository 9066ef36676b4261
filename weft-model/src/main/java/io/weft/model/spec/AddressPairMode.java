package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a port shares an allowed address pair (VRRP-style HA uses active-standby). */
public enum AddressPairMode {
  @JsonProperty("active-active") ACTIVE_ACTIVE,
  @JsonProperty("active-standby") ACTIVE_STANDBY
}
