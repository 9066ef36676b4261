package io.weft.bgp.wire;

/**
 * Whole messages (header included, RFC 4271 §4.1) encoded once and written as they are to
 * every session that shares them: the UPDATEs of an update group are encoded for the group,
 * not once per neighbour. The array is never changed after construction.
 */
public record EncodedMessages(byte[] bytes) {
  public int length() {
    return bytes.length;
  }
}
