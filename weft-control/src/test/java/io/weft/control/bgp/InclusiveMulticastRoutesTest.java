package io.weft.control.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.Esi;
import io.weft.bgp.wire.EvpnInclusiveMulticastRoute;
import io.weft.bgp.wire.EvpnMacIpRoute;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.MacAddress;
import io.weft.bgp.wire.PmsiTunnel;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.TunnelEncapsulation;
import io.weft.bgp.wire.VpnPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type-3 routes follow the agents' exported routes: the first one in an instance originates it, the last withdraws it. */
class InclusiveMulticastRoutesTest {
  static final long ASN = 64512;
  static final VpnRoutes.InstanceInfo BLUE = new VpnRoutes.InstanceInfo(List.of("target:64512:8000001"), 5001);
  static final RouteDistinguisher HOST1 = RouteDistinguisher.parse("192.0.2.11:7");
  static final RouteDistinguisher HOST2 = RouteDistinguisher.parse("192.0.2.12:7");

  static FamilyNlri vpn(RouteDistinguisher rd, String prefix) {
    return new FamilyNlri(Family.IPV4_VPN, new VpnPrefix(rd, 17, IpPrefix.parse(prefix)));
  }

  static FamilyNlri mac(RouteDistinguisher rd, String mac) {
    return new FamilyNlri(Family.EVPN, new EvpnMacIpRoute(rd, Esi.ZERO, 0, MacAddress.parse(mac), null, List.of(5001)));
  }

  static FamilyNlri imet(RouteDistinguisher rd, String ip) {
    return new FamilyNlri(Family.EVPN, new EvpnInclusiveMulticastRoute(rd, 0, Addresses.parse(ip)));
  }

  @Test
  void firstPortOriginatesLastPortWithdraws() {
    InclusiveMulticastRoutes m = new InclusiveMulticastRoutes();
    var c = m.exported("blue", List.of(vpn(HOST1, "10.1.1.3/32"), mac(HOST1, "02:00:00:00:00:03")), List.of(), BLUE, ASN);
    assertThat(c.advertise()).extracting(Route::key).containsExactly(imet(HOST1, "192.0.2.11"));
    assertThat(c.withdraw()).isEmpty();

    Route r = c.advertise().getFirst();
    assertThat(r.nextHop()).isEqualTo(Addresses.parse("192.0.2.11"));
    assertThat(r.routeTargets()).containsExactly(RouteTarget.parse("target:64512:8000001"));
    assertThat(r.attribute(ExtendedCommunities.class).orElseThrow().communities())
        .contains(new TunnelEncapsulation(TunnelEncapsulation.VXLAN));
    assertThat(r.attribute(PmsiTunnel.class)).contains(new PmsiTunnel(0, PmsiTunnel.INGRESS_REPLICATION, 5001,
        io.weft.bgp.wire.Bytes.of(new byte[] {(byte) 192, 0, 2, 11})));

    // A second agent gets its own; another port of the first changes nothing.
    assertThat(m.exported("blue", List.of(vpn(HOST2, "10.1.1.4/32")), List.of(), BLUE, ASN).advertise())
        .extracting(Route::key).containsExactly(imet(HOST2, "192.0.2.12"));
    assertThat(m.exported("blue", List.of(vpn(HOST1, "10.1.1.5/32")), List.of(), BLUE, ASN).isEmpty()).isTrue();
    assertThat(m.routes()).hasSize(2);

    // Ports go: only the last one of host 1 withdraws its route.
    assertThat(m.exported("blue", List.of(), List.of(vpn(HOST1, "10.1.1.3/32"), mac(HOST1, "02:00:00:00:00:03")), BLUE, ASN)
        .isEmpty()).isTrue();
    var gone = m.exported("blue", List.of(), List.of(vpn(HOST1, "10.1.1.5/32")), BLUE, ASN);
    assertThat(gone.withdraw()).containsExactly(imet(HOST1, "192.0.2.11"));
    assertThat(gone.advertise()).isEmpty();
    assertThat(m.routes()).extracting(Route::key).containsExactly(imet(HOST2, "192.0.2.12"));
  }

  @Test
  void instancesAreSeparateAndNeedAVni() {
    InclusiveMulticastRoutes m = new InclusiveMulticastRoutes();
    RouteDistinguisher red = RouteDistinguisher.parse("192.0.2.11:8");
    VpnRoutes.InstanceInfo noVni = new VpnRoutes.InstanceInfo(List.of("target:64512:8000002"), 0);
    assertThat(m.exported("red", List.of(vpn(red, "10.2.0.3/32")), List.of(), noVni, ASN).isEmpty()).isTrue();
    assertThat(m.exported("blue", List.of(vpn(HOST1, "10.1.1.3/32")), List.of(), BLUE, ASN).advertise()).hasSize(1);

    // The red instance gets a VNI: its agent's route appears; blue's targets change: its route is re-sent.
    var vni = m.instanceChanged("red", new VpnRoutes.InstanceInfo(List.of("target:64512:8000002"), 6001), ASN);
    assertThat(vni.advertise()).extracting(Route::key).containsExactly(imet(red, "192.0.2.11"));
    var rts = m.instanceChanged("blue", new VpnRoutes.InstanceInfo(List.of("target:64512:9"), 5001), ASN);
    assertThat(rts.advertise().getFirst().routeTargets()).containsExactly(RouteTarget.parse("target:64512:9"));
    assertThat(m.instanceChanged("blue", new VpnRoutes.InstanceInfo(List.of("target:64512:9"), 5001), ASN).isEmpty()).isTrue();

    // Losing the VNI withdraws.
    assertThat(m.instanceChanged("red", noVni, ASN).withdraw()).containsExactly(imet(red, "192.0.2.11"));
    assertThat(m.routes()).hasSize(1);
  }
}
