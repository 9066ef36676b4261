package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a BgpRouter is: a Weft control node, another cluster's control node, or a gateway router. */
public enum BgpRouterType {
  @JsonProperty("control-node") CONTROL_NODE,
  @JsonProperty("external-control-node") EXTERNAL_CONTROL_NODE,
  @JsonProperty("router") ROUTER
}
