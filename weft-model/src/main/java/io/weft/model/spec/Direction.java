package io.weft.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which way a rule matches: {@code >} from the first (source) endpoint to the second,
 * {@code <} from the second to the first (firewall rules only), {@code <>} both ways.
 * Either way the decision covers the reverse flow too (rules are stateful).
 */
public enum Direction {
  @JsonProperty(">") FORWARD,
  @JsonProperty("<") REVERSE,
  @JsonProperty("<>") BOTH
}
