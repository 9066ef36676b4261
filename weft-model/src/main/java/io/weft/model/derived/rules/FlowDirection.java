package io.weft.model.derived.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which way a compiled rule matches: {@code >} from its first (source) endpoint to its
 * second, {@code <} the reverse (firewall rules only), {@code <>} either way. Rules are kept
 * unexpanded; the evaluator tries both orientations for {@code <>}.
 */
public enum FlowDirection {
  @JsonProperty(">") FORWARD,
  @JsonProperty("<") REVERSE,
  @JsonProperty("<>") BOTH
}
