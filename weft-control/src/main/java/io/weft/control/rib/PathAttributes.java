package io.weft.control.rib;

import java.util.Objects;

/**
 * The attributes the decision process compares (RFC 4271 §9.1.2.2, in order): LOCAL_PREF,
 * AS_PATH length, ORIGIN, MULTI_EXIT_DISC. Paths from XMPP agents have an empty AS path and
 * origin IGP; BGP neighbours fill in what they received.
 */
public record PathAttributes(long localPreference, int asPathLength, Origin origin, long med) {
  /** TF's default local preference for agent routes. */
  public static final long DEFAULT_LOCAL_PREF = 100;

  /** Shared by every path that carries the defaults, so a table of agent routes holds one copy. */
  public static final PathAttributes DEFAULT = new PathAttributes(DEFAULT_LOCAL_PREF, 0, Origin.IGP, 0);

  public PathAttributes {
    Objects.requireNonNull(origin, "origin");
  }

  /** The attributes, reusing {@link #DEFAULT} when they equal it. */
  public static PathAttributes of(long localPreference, int asPathLength, Origin origin, long med) {
    PathAttributes a = new PathAttributes(localPreference, asPathLength, origin, med);
    return a.equals(DEFAULT) ? DEFAULT : a;
  }
}
