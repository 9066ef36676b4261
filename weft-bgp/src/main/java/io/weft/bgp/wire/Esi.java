package io.weft.bgp.wire;

/** Ethernet segment identifier, RFC 7432 §5: 10 octets, the first being the ESI type. Zero means single-homed. */
public record Esi(Bytes value) {
  public static final Esi ZERO = new Esi(Bytes.of(new byte[10]));

  public Esi {
    if (value.length() != 10) throw new IllegalArgumentException("ESI is 10 octets");
  }

  public int type() {
    return value.get(0);
  }

  @Override
  public String toString() {
    return value.hex();
  }
}
