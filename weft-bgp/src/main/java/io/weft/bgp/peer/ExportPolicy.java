package io.weft.bgp.peer;

import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.ClusterList;
import io.weft.bgp.wire.LocalPref;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.OriginatorId;
import io.weft.bgp.wire.PathAttribute;
import io.weft.bgp.wire.UnknownAttribute;
import java.util.ArrayList;
import java.util.List;

/**
 * The attribute changes RFC 4271 requires on the way out (not operator policy): ORIGIN and
 * AS_PATH always present; to an external peer our AS prepended (§5.1.2) and LOCAL_PREF,
 * ORIGINATOR_ID, CLUSTER_LIST removed (§5.1.5, RFC 4456 §8); to an internal peer a
 * LOCAL_PREF (§5.1.5, default 100); unrecognised transitive attributes with Partial set (§5).
 */
public final class ExportPolicy {
  public static final long DEFAULT_LOCAL_PREF = 100;

  private ExportPolicy() {}

  public static Route apply(Route r, long localAs, boolean internal) {
    return new Route(r.family(), r.nlri(), r.nextHop(), attributes(r.attributes(), localAs, internal));
  }

  /** The attributes as sent to a peer; the result is interned. */
  public static PathAttributes attributes(List<PathAttribute> attributes, long localAs, boolean internal) {
    List<PathAttribute> out = new ArrayList<>(attributes.size() + 2);
    boolean origin = false;
    boolean asPath = false;
    boolean localPref = false;
    for (PathAttribute a : attributes) {
      switch (a) {
        case Origin o -> {
          origin = true;
          out.add(o);
        }
        case AsPath p -> {
          asPath = true;
          out.add(internal ? p : p.prepend(localAs));
        }
        case LocalPref l -> {
          localPref = true;
          if (internal) out.add(l);
        }
        case OriginatorId o -> {
          if (internal) out.add(o);
        }
        case ClusterList c -> {
          if (internal) out.add(c);
        }
        case UnknownAttribute u -> out.add(u.propagated());
        default -> out.add(a);
      }
    }
    if (!origin) out.add(Origin.IGP);
    if (!asPath) out.add(internal ? AsPath.EMPTY : AsPath.sequence(localAs));
    if (internal && !localPref) out.add(new LocalPref(DEFAULT_LOCAL_PREF));
    return PathAttributes.of(out);
  }
}
