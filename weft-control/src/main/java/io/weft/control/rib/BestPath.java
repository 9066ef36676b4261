package io.weft.control.rib;

import java.util.Comparator;

/**
 * The decision process (RFC 4271 §9.1.2.2) as TF's BgpPath::PathCompare orders it for
 * agent and VPN paths: a stale path (RFC 4724) loses to a fresh one; then higher
 * LOCAL_PREF, shorter AS_PATH, lower ORIGIN, lower MED (compared across all paths, as TF
 * does for VRF tables); then a stable tie-break on the peer name and the primary instance,
 * so every control node picks the same best path from the same set.
 */
public final class BestPath {
  private BestPath() {}

  /** Preference order: the first path is the best. */
  public static final Comparator<Path> ORDER = Comparator
      .comparing(Path::stale)
      .thenComparing(Comparator.comparingLong((Path p) -> p.attributes().localPreference()).reversed())
      .thenComparingInt(p -> p.attributes().asPathLength())
      .thenComparing(p -> p.attributes().origin())
      .thenComparingLong(p -> p.attributes().med())
      .thenComparing(Path::peer)
      .thenComparing(Path::primaryInstance);

  /** True when {@code b} ties with {@code a} on everything before the tie-break: an equal-cost multipath. */
  public static boolean equalCost(Path a, Path b) {
    return a.stale() == b.stale()
        && a.attributes().localPreference() == b.attributes().localPreference()
        && a.attributes().asPathLength() == b.attributes().asPathLength()
        && a.attributes().origin() == b.attributes().origin()
        && a.attributes().med() == b.attributes().med();
  }
}
