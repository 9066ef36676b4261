package io.weft.bgp.wire;

/**
 * Why a message could not be decoded: the NOTIFICATION code and subcode RFC 4271 §6 (as
 * revised by RFC 7606) assigns to the error, the offset from the start of the message
 * (marker included) where the offending field begins, the NOTIFICATION data (the bytes
 * the RFC says to return, e.g. the whole erroneous attribute) and a reason for logs.
 */
public record DecodeError(int code, int subcode, int offset, Bytes data, String reason) {
  public DecodeError {
    data = data == null ? Bytes.EMPTY : data;
  }

  public Notification toNotification() {
    return new Notification(code, subcode, data);
  }

  @Override
  public String toString() {
    return ErrorCode.describe(code, subcode) + " at " + offset + ": " + reason
        + (data.length() > 0 ? " [" + data.hex() + "]" : "");
  }
}
