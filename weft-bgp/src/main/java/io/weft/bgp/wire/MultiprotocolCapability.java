package io.weft.bgp.wire;

/** Multiprotocol extensions capability, RFC 4760 §8: | AFI (2) | reserved (1) | SAFI (1) |. */
public record MultiprotocolCapability(Family family) implements Capability {
  @Override
  public int code() {
    return MULTIPROTOCOL;
  }
}
