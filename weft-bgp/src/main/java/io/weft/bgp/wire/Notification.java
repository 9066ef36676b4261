package io.weft.bgp.wire;

/** NOTIFICATION, RFC 4271 §4.5: | error code (1) | error subcode (1) | data |. */
public record Notification(int code, int subcode, Bytes data) implements BgpMessage {
  public Notification {
    if (code < 0 || code > 255 || subcode < 0 || subcode > 255) throw new IllegalArgumentException("code");
    data = data == null ? Bytes.EMPTY : data;
  }

  public Notification(int code, int subcode) {
    this(code, subcode, Bytes.EMPTY);
  }

  @Override
  public int type() {
    return NOTIFICATION;
  }

  @Override
  public String toString() {
    return "NOTIFICATION " + ErrorCode.describe(code, subcode) + (data.length() > 0 ? " data " + data.hex() : "");
  }
}
