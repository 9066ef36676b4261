package io.weft.xmpp.stream;

/**
 * Bounds the framer enforces before buffering more input.
 *
 * @param maxStanzaBytes largest stanza (or stream header, or pending markup) in bytes
 * @param maxDepth deepest element nesting inside a stanza, the stanza itself being depth 1
 */
public record StreamLimits(int maxStanzaBytes, int maxDepth) {
  /** 1 MiB and 32 levels: a route entry is 9 levels deep, a large event batch well under 1 MiB. */
  public static final StreamLimits DEFAULT = new StreamLimits(1 << 20, 32);

  public StreamLimits {
    if (maxStanzaBytes < 64) throw new IllegalArgumentException("maxStanzaBytes < 64");
    if (maxDepth < 1) throw new IllegalArgumentException("maxDepth < 1");
  }
}
