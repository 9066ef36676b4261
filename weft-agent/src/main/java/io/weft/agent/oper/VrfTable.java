package io.weft.agent.oper;

import io.weft.model.derived.RoutingInstanceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VRFs on this host, created on demand when a local port needs one, and their routes.
 * Remote routes are kept per control-node session: a route is present while any session
 * holds it, and a session that drops keeps its routes (headless) until it comes back and
 * finishes its resync ({@link #sweep}). Local routes belong to no session.
 *
 * <p>Concurrent maps; writers are the sessions' reader threads and the port API; a route
 * change is reported to the listener on the writer's thread.
 */
public final class VrfTable {
  /** Told when the effective route for a prefix changes; {@code route} is null on removal. */
  public interface Listener {
    void vrfAdded(String vrf);

    void routeChanged(String vrf, String prefix, Route route);
  }

  private final Map<String, Map<String, Route>> local = new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, Map<String, Route>>> remote = new ConcurrentHashMap<>();
  private final Map<String, RoutingInstanceSpec> specs = new ConcurrentHashMap<>();
  private final Set<String> vrfs = ConcurrentHashMap.newKeySet();
  private final Listener listener;

  public VrfTable(Listener listener) {
    this.listener = listener;
  }

  /** Creates the VRF if new; true when it was. */
  public boolean ensure(String vrf) {
    if (!vrfs.add(vrf)) return false;
    listener.vrfAdded(vrf);
    return true;
  }

  public Set<String> names() {
    return Set.copyOf(vrfs);
  }

  public void setSpec(String vrf, RoutingInstanceSpec spec) {
    if (spec == null) specs.remove(vrf);
    else specs.put(vrf, spec);
  }

  public RoutingInstanceSpec spec(String vrf) {
    return specs.get(vrf);
  }

  public synchronized void putLocal(Route r) {
    local.computeIfAbsent(r.vrf(), k -> new ConcurrentHashMap<>()).put(r.prefix(), r);
    listener.routeChanged(r.vrf(), r.prefix(), r);
  }

  public synchronized void removeLocal(String vrf, String prefix) {
    Map<String, Route> m = local.get(vrf);
    if (m != null && m.remove(prefix) != null) listener.routeChanged(vrf, prefix, lookup(vrf, prefix));
  }

  public synchronized void putRemote(int session, Route r) {
    remote.computeIfAbsent(session, k -> new ConcurrentHashMap<>()).computeIfAbsent(r.vrf(), k -> new ConcurrentHashMap<>())
        .put(r.prefix(), r);
    Route effective = lookup(r.vrf(), r.prefix());
    listener.routeChanged(r.vrf(), r.prefix(), effective);
  }

  public synchronized void removeRemote(int session, String vrf, String prefix) {
    Map<String, Map<String, Route>> s = remote.get(session);
    Map<String, Route> m = s == null ? null : s.get(vrf);
    if (m != null && m.remove(prefix) != null) listener.routeChanged(vrf, prefix, lookup(vrf, prefix));
  }

  /**
   * After a session's resync (its End-of-RIB): drops what that session held before the
   * resync and did not send again. {@code before} is {@link #snapshot} taken at reconnect.
   */
  public synchronized void sweep(int session, Map<String, Set<String>> before, Map<String, Set<String>> refreshed) {
    for (Map.Entry<String, Set<String>> e : before.entrySet()) {
      Set<String> fresh = refreshed.getOrDefault(e.getKey(), Set.of());
      for (String prefix : e.getValue()) if (!fresh.contains(prefix)) removeRemote(session, e.getKey(), prefix);
    }
  }

  /** The prefixes a session holds, per VRF. */
  public synchronized Map<String, Set<String>> snapshot(int session) {
    Map<String, Set<String>> out = new java.util.HashMap<>();
    Map<String, Map<String, Route>> s = remote.get(session);
    if (s != null) s.forEach((vrf, m) -> out.put(vrf, Set.copyOf(m.keySet())));
    return out;
  }

  /**
   * The effective route: local first, else the lowest-numbered session holding it — except
   * that a session's ECMP set (an address shared by ports here and elsewhere, this host's
   * among the members) wins over the local route, so flows spread over all of them.
   */
  public Route lookup(String vrf, String prefix) {
    Route fromSession = null;
    for (int s = 0; s < 8 && fromSession == null; s++) {
      Map<String, Map<String, Route>> sess = remote.get(s);
      Map<String, Route> rm = sess == null ? null : sess.get(vrf);
      fromSession = rm == null ? null : rm.get(prefix);
    }
    if (fromSession != null && fromSession.hops().size() > 1) return fromSession;
    Map<String, Route> m = local.get(vrf);
    Route r = m == null ? null : m.get(prefix);
    return r != null ? r : fromSession;
  }

  /** The route to host address {@code address} (its /32 or /128). */
  public Route lookupHost(String vrf, String address) {
    return lookup(vrf, address + (address.contains(":") ? "/128" : "/32"));
  }

  /** Every effective route of a VRF, sorted by prefix. */
  public List<Route> routes(String vrf) {
    Map<String, Route> out = new java.util.TreeMap<>();
    for (int s = 7; s >= 0; s--) {
      Map<String, Map<String, Route>> sess = remote.get(s);
      Map<String, Route> rm = sess == null ? null : sess.get(vrf);
      if (rm != null) out.putAll(rm);
    }
    Map<String, Route> m = local.get(vrf);
    if (m != null) out.putAll(m); // the local routes themselves (republished on resync), not the ECMP sets holding them
    return new ArrayList<>(out.values());
  }

  /** The VRF holding {@code address} as a host route, searching all VRFs (for introspect). */
  public int routeCount() {
    int n = 0;
    for (String v : vrfs) n += routes(v).size();
    return n;
  }
}
