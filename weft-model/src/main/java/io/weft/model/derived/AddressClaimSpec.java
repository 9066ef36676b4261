package io.weft.model.derived;

import io.weft.model.Problems;
import io.weft.model.Spec;

/**
 * An internal, cluster-wide record that one value is taken: an instance address in a
 * network ({@code network} = {@code project/name}), written by the config API's address
 * admission in the same atomic commit as the port that holds it. Because the store refuses
 * a second create of the same key, two concurrent port creates can never both hold an
 * address. {@code owner} is the holder ({@code Kind/project/name}). Hidden from discovery and
 * weftctl; never written by users.
 */
public record AddressClaimSpec(String network, String address, String owner) implements Spec {
  @Override
  public void validate(Problems problems) {}
}
