package io.weft.bgp.peer;

import io.weft.bgp.wire.MpReachNlri;
import io.weft.bgp.wire.MpUnreachNlri;
import io.weft.bgp.wire.NextHop;
import io.weft.bgp.wire.PathAttribute;
import java.lang.ref.WeakReference;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.WeakHashMap;

/**
 * An interned, immutable set of path attributes (without NEXT_HOP and MP_REACH/MP_UNREACH,
 * which belong to the route). Thousands of routes share one attribute set — every port of a
 * network behind one host, every route a reflector passes on — so each distinct set exists
 * once, as BIRD's attribute cache and FRR's attribute hash do: {@link #of} returns the
 * canonical instance, equality between interned sets is identity, and the hash is computed
 * once. Unused sets are collected (the table holds them weakly).
 *
 * <p>Threads: {@link #of} may be called from any thread; the table is guarded by its own lock.
 */
public final class PathAttributes extends AbstractList<PathAttribute> implements RandomAccess {
  public static final PathAttributes EMPTY = new PathAttributes(new PathAttribute[0]);

  private static final WeakHashMap<PathAttributes, WeakReference<PathAttributes>> TABLE = new WeakHashMap<>();

  private final PathAttribute[] items;
  private final int hash;

  private PathAttributes(PathAttribute[] items) {
    this.items = items;
    int h = 1;
    for (PathAttribute a : items) h = 31 * h + a.hashCode();
    this.hash = h;
  }

  /** The canonical set equal to {@code attributes} minus NEXT_HOP and MP_REACH/MP_UNREACH. */
  public static PathAttributes of(List<PathAttribute> attributes) {
    if (attributes instanceof PathAttributes p) return p;
    int kept = 0;
    for (PathAttribute a : attributes) if (pathAttribute(a)) kept++;
    PathAttribute[] items = new PathAttribute[kept];
    int i = 0;
    for (PathAttribute a : attributes) {
      if (!pathAttribute(a)) continue;
      if (a == null) throw new NullPointerException("attribute");
      items[i++] = a;
    }
    return intern(new PathAttributes(items));
  }

  private static boolean pathAttribute(PathAttribute a) {
    return !(a instanceof NextHop) && !(a instanceof MpReachNlri) && !(a instanceof MpUnreachNlri);
  }

  private static PathAttributes intern(PathAttributes candidate) {
    if (candidate.items.length == 0) return EMPTY;
    synchronized (TABLE) {
      WeakReference<PathAttributes> ref = TABLE.get(candidate);
      PathAttributes known = ref == null ? null : ref.get();
      if (known != null) return known;
      TABLE.put(candidate, new WeakReference<>(candidate));
      return candidate;
    }
  }

  /** How many distinct sets are alive (introspection, tests). */
  public static int interned() {
    synchronized (TABLE) {
      return TABLE.size();
    }
  }

  @Override
  public PathAttribute get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) return true;
    if (o instanceof PathAttributes p) {
      if (p.hash != hash || p.items.length != items.length) return false;
      for (int i = 0; i < items.length; i++) if (!items[i].equals(p.items[i])) return false;
      return true;
    }
    return super.equals(o);
  }
}
