package io.weft.bgp.wire;

/** KEEPALIVE, RFC 4271 §4.4: the header alone (19 octets). */
public record Keepalive() implements BgpMessage {
  public static final Keepalive INSTANCE = new Keepalive();

  @Override
  public int type() {
    return KEEPALIVE;
  }
}
