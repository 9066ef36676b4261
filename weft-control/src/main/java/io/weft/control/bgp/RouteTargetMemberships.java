package io.weft.control.bgp;

import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.RouteTargetMembership;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The route-target membership routes this control node originates (RFC 4684 §4): one per
 * route target some routing instance imports, origin AS = our AS, so neighbours that
 * negotiated route-target constraint send us the VPN routes our instances import and no
 * others. As TF's bgp.rtarget.0 filled from the instances' import lists.
 *
 * <p>Concurrency: none; owned by {@link BgpService} under its lock.
 */
final class RouteTargetMemberships {
  /** Routes to send and NLRIs to withdraw. */
  record Changes(List<Route> advertise, List<FamilyNlri> withdraw) {}

  private final Map<FamilyNlri, Route> current = new HashMap<>();

  /** Makes the originated memberships those of {@code importTargets} (null AS: none, no speaker). */
  Changes update(Collection<String> importTargets, Long asn, InetAddress nextHop) {
    Map<FamilyNlri, Route> want = new HashMap<>();
    if (asn != null) {
      for (String t : new TreeSet<>(importTargets)) {
        RouteTarget rt;
        try {
          rt = RouteTarget.parse(t);
        } catch (RuntimeException e) {
          continue;
        }
        Route r = new Route(Family.RT_CONSTRAINT, RouteTargetMembership.of(asn, rt), nextHop, List.of(Origin.IGP, AsPath.EMPTY));
        want.put(r.key(), r);
      }
    }
    List<Route> advertise = new ArrayList<>();
    List<FamilyNlri> withdraw = new ArrayList<>();
    want.forEach((k, r) -> {
      if (!r.equals(current.get(k))) advertise.add(r);
    });
    for (FamilyNlri k : current.keySet()) if (!want.containsKey(k)) withdraw.add(k);
    current.clear();
    current.putAll(want);
    return new Changes(advertise, withdraw);
  }
}
