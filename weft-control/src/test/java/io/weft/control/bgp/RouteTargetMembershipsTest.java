package io.weft.control.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.RouteTargetMembership;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One membership route per imported route target, origin AS ours, kept in step with the import lists. */
class RouteTargetMembershipsTest {
  static FamilyNlri key(long as, String rt) {
    return new FamilyNlri(Family.RT_CONSTRAINT, RouteTargetMembership.of(as, RouteTarget.parse(rt)));
  }

  @Test
  void followsTheImportTargets() {
    RouteTargetMemberships m = new RouteTargetMemberships();
    var nh = Addresses.parse("192.0.2.1");
    var first = m.update(List.of("target:64512:1", "target:64512:2"), 64512L, nh);
    assertThat(first.advertise()).extracting(Route::key)
        .containsExactlyInAnyOrder(key(64512, "64512:1"), key(64512, "64512:2"));
    assertThat(first.advertise()).allMatch(r -> r.nextHop().equals(nh));
    assertThat(m.update(List.of("target:64512:2", "target:64512:1"), 64512L, nh).advertise()).isEmpty();

    var changed = m.update(List.of("target:64512:2", "target:64512:3"), 64512L, nh);
    assertThat(changed.advertise()).extracting(Route::key).containsExactly(key(64512, "64512:3"));
    assertThat(changed.withdraw()).containsExactly(key(64512, "64512:1"));

    // Another AS: every membership is a new NLRI. No speaker: none.
    var as = m.update(List.of("target:64512:3"), 65000L, nh);
    assertThat(as.advertise()).extracting(Route::key).containsExactly(key(65000, "64512:3"));
    assertThat(as.withdraw()).containsExactlyInAnyOrder(key(64512, "64512:2"), key(64512, "64512:3"));
    assertThat(m.update(List.of("target:64512:3"), null, null).withdraw()).containsExactly(key(65000, "64512:3"));
  }
}
