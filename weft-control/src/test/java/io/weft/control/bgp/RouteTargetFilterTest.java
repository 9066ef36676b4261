package io.weft.control.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.Bytes;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.RouteTargetMembership;
import io.weft.bgp.wire.VpnPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4684 per neighbour: routes go by the membership it sent, nothing VPN before its End-of-RIB. */
class RouteTargetFilterTest {
  static final RouteTarget RED = RouteTarget.parse("64512:1");
  static final RouteTarget BLUE = RouteTarget.parse("64512:2");

  static Route vpn(String prefix, RouteTarget... rts) {
    return new Route(Family.IPV4_VPN, new VpnPrefix(RouteDistinguisher.parse("192.0.2.11:1"), 17, IpPrefix.parse(prefix)),
        Addresses.parse("192.0.2.11"), List.of(Origin.IGP, AsPath.EMPTY, new ExtendedCommunities(List.of(rts))));
  }

  static Route membership(RouteTargetMembership m) {
    return new Route(Family.RT_CONSTRAINT, m, Addresses.parse("192.0.2.1"), List.of(Origin.IGP, AsPath.EMPTY));
  }

  @Test
  void sendsOnlyWhatTheMembershipAsksForOnceComplete() {
    RouteTargetFilter f = new RouteTargetFilter();
    Route red = vpn("10.1.0.0/24", RED);
    Route blue = vpn("10.2.0.0/24", BLUE);
    Route both = vpn("10.3.0.0/24", BLUE, RED);
    f.add(RouteTargetMembership.of(65001, RED));
    // RFC 4684 §6: nothing VPN before its End-of-RIB; memberships always go.
    assertThat(f.wants(red)).isFalse();
    assertThat(f.wants(membership(RouteTargetMembership.of(64512, BLUE)))).isTrue();

    assertThat(f.ready()).isTrue();
    assertThat(f.ready()).isFalse();
    assertThat(f.wants(red)).isTrue();
    assertThat(f.wants(blue)).isFalse();
    assertThat(f.wants(both)).isTrue();

    // Membership changes: blue wanted too, then red no longer.
    assertThat(f.add(RouteTargetMembership.of(65001, BLUE))).isTrue();
    assertThat(f.add(RouteTargetMembership.of(65001, BLUE))).isFalse();
    assertThat(f.wants(blue)).isTrue();
    assertThat(f.remove(RouteTargetMembership.of(65001, RED))).isTrue();
    assertThat(f.wants(red)).isFalse();
    assertThat(f.wants(both)).isTrue();
  }

  @Test
  void sameTargetFromTwoOriginAsesStaysUntilBothGo() {
    RouteTargetFilter f = new RouteTargetFilter();
    f.ready();
    f.add(RouteTargetMembership.of(65001, RED));
    f.add(RouteTargetMembership.of(65002, RED));
    f.remove(RouteTargetMembership.of(65001, RED));
    assertThat(f.wants(vpn("10.1.0.0/24", RED))).isTrue();
    f.remove(RouteTargetMembership.of(65002, RED));
    assertThat(f.wants(vpn("10.1.0.0/24", RED))).isFalse();
  }

  @Test
  void defaultAndPrefixMemberships() {
    RouteTargetFilter f = new RouteTargetFilter();
    f.ready();
    Route red = vpn("10.1.0.0/24", RED);
    assertThat(f.wants(red)).isFalse();
    assertThat(f.wants(vpn("10.9.0.0/24"))).isFalse(); // no route target: nobody asked for it
    f.add(RouteTargetMembership.DEFAULT);
    assertThat(f.wants(red)).isTrue();
    assertThat(f.wants(vpn("10.9.0.0/24"))).isTrue();
    f.remove(RouteTargetMembership.DEFAULT);
    assertThat(f.wants(red)).isFalse();

    // 32 + 48 bits: type, subtype and the AS 64512 (0xfc00), any assigned number.
    byte[] rt = io.weft.bgp.wire.ExtendedCommunityCodec.encode(RED);
    f.add(new RouteTargetMembership(80, 65001, Bytes.of(java.util.Arrays.copyOf(rt, 6))));
    assertThat(f.wants(red)).isTrue();
    assertThat(f.wants(vpn("10.2.0.0/24", RouteTarget.parse("64513:1")))).isFalse();
  }
}
