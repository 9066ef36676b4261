package io.weft.dns;

/** Why octets are not a DNS message: the field, its offset in the message and the reason, so a server can count drops by reason. */
public record DnsDecodeError(String field, int offset, String reason) implements DnsDecodeResult {
  @Override
  public String toString() {
    return "dns " + field + " at offset " + offset + ": " + reason;
  }
}
