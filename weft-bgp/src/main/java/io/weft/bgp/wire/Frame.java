package io.weft.bgp.wire;

/**
 * One BGP message as framed on the stream, RFC 4271 §4.1, before its body is decoded:
 * <pre>
 * | marker (16 x 0xff) | length (2, header included, 19..4096) | type (1) | body |
 * </pre>
 */
public record Frame(int type, Bytes body) {
  public static final int HEADER_LENGTH = 19;
  public static final int MAX_LENGTH = 4096;

  public int length() {
    return HEADER_LENGTH + body.length();
  }
}
