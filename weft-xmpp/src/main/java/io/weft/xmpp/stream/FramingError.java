package io.weft.xmpp.stream;

/**
 * Why the byte stream stopped being an XMPP stream. After one, the parser accepts no more input
 * and the session must close (RFC 6120 §4.9: stream errors are unrecoverable).
 *
 * @param kind the class of fault, mapped to an RFC 6120 §4.9.3 stream error condition
 * @param reason a human-readable sentence for the log
 * @param offset byte offset in the stream where the fault was detected
 * @param excerpt up to 48 bytes from the offending position, non-printables escaped
 */
public record FramingError(Kind kind, String reason, long offset, String excerpt) {

  /** Fault classes with their RFC 6120 §4.9.3 stream error condition. */
  public enum Kind {
    MALFORMED("not-well-formed"),
    BAD_ENCODING("unsupported-encoding"),
    STANZA_TOO_LARGE("policy-violation"),
    TOO_DEEP("policy-violation"),
    RESTRICTED_XML("restricted-xml"),
    BAD_STREAM_HEADER("invalid-namespace");

    private final String condition;

    Kind(String condition) {
      this.condition = condition;
    }

    public String condition() {
      return condition;
    }
  }

  @Override
  public String toString() {
    return kind + " at byte " + offset + ": " + reason + " near '" + excerpt + "'";
  }
}
