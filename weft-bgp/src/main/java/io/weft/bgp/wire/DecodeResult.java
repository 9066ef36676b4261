package io.weft.bgp.wire;

import java.util.List;

/**
 * What decoding one message produced, per RFC 7606 §2: the message (possibly with some
 * attributes discarded), a treat-as-withdraw outcome, or an error that resets the session.
 */
public sealed interface DecodeResult {
  /** Decoded; {@code discarded} lists attributes dropped by attribute-discard (RFC 7606 §2). */
  record Decoded(BgpMessage message, List<DecodeError> discarded) implements DecodeResult {
    public Decoded {
      discarded = List.copyOf(discarded);
    }

    public Decoded(BgpMessage message) {
      this(message, List.of());
    }
  }

  /**
   * An UPDATE whose routes must be treated as withdrawn (RFC 7606 §2): {@code withdrawal}
   * withdraws everything the UPDATE carried (IPv4 NLRI in its withdrawn field, other
   * families as MP_UNREACH_NLRI attributes, one per family).
   */
  record TreatAsWithdraw(Update withdrawal, DecodeError cause, List<DecodeError> discarded) implements DecodeResult {
    public TreatAsWithdraw {
      discarded = List.copyOf(discarded);
    }
  }

  /** The session must be reset with {@code error.toNotification()} (RFC 4271 §6, RFC 7606 §2). */
  record SessionReset(DecodeError error) implements DecodeResult {}
}
