package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The IP version a security group rule matches. */
public enum EtherType {
  @JsonProperty("IPv4") IPV4,
  @JsonProperty("IPv6") IPV6
}
