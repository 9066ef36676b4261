package io.weft.control.xmpp;

import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * One shared instance per equal value (strings, immutable lists): the routes of a network
 * repeat its name, a host's routes repeat its underlay address, and most next hops carry the
 * same encapsulation list, so a table of agent routes keeps one copy of each instead of one
 * per route. Weak, like Guava's weak interner: a value no route uses any more is collected,
 * so churn (hosts and networks that come and go) does not grow it.
 *
 * <p>Concurrency: {@code this} guards the map; callers are the session reader threads.
 */
final class Interner {
  private final WeakHashMap<Object, WeakReference<Object>> values = new WeakHashMap<>();

  /** The shared instance equal to {@code value} (null stays null). */
  @SuppressWarnings("unchecked")
  synchronized <T> T intern(T value) {
    if (value == null) return null;
    WeakReference<Object> ref = values.get(value);
    Object shared = ref == null ? null : ref.get();
    if (shared != null) return (T) shared;
    values.put(value, new WeakReference<>(value));
    return value;
  }
}
