package io.weft.bgp.wire;

/** Support for 4-octet AS numbers, RFC 6793 §3: code 65, the speaker's 4-octet AS. */
public record FourOctetAsCapability(long as) implements Capability {
  public FourOctetAsCapability {
    if (as < 0 || as > 0xffffffffL) throw new IllegalArgumentException("AS");
  }

  @Override
  public int code() {
    return FOUR_OCTET_AS;
  }
}
