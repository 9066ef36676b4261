package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The direction a security group rule applies to, seen from the port. */
public enum TrafficDirection {
  @JsonProperty("ingress") INGRESS,
  @JsonProperty("egress") EGRESS
}
