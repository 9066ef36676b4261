package io.weft.control.bgp;

import io.weft.bgp.interop.PeerHarness;
import static io.weft.control.bgp.BgpTestKit.WAIT;
import static io.weft.bgp.interop.PeerHarness.run;
import static io.weft.control.bgp.BgpTestKit.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.control.ControlNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Errors through the control node, answered as RFC 4271 §6 says and seen by a real BIRD:
 * a BgpRouter with the wrong AS gets OPEN Message Error / Bad Peer AS (2/2); once the AS is
 * right the session comes up; when BIRD stops answering (SIGSTOP) our hold timer expires and
 * BIRD, resumed, reads Hold Timer Expired (4/0). BIRD on 127.0.0.5:17982, Weft on 127.0.0.22:17952.
 */
class BgpErrorsTest {

  @Test
  void wrongAsAndHoldTimerExpiryAreAnsweredWithTheirNotifications() throws Exception {
    PeerHarness.require(PeerHarness.BIRD, "bird2");
    try (PeerHarness d = new PeerHarness("errors"); BgpTestKit.Config config = new BgpTestKit.Config()) {
      Process bird = d.startBird("""
          router id 10.0.0.5;
          protocol device {}
          vpn4 table vpntab4;
          protocol bgp weft {
            local 127.0.0.5 port 17982 as 65004;
            neighbor 127.0.0.22 port 17952 as 64512;
            multihop;
            passive on;
            error wait time 1, 2; # after an error BIRD refuses connections this long (default 60..300 s)
            vpn4 mpls { table vpntab4; import all; export all; };
          }
          """);
            String pid = Long.toString(bird.pid());
      // BIRD knows itself as AS 65004; the BgpRouter says 65005.
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: bird}, spec: "
          + "{address: 127.0.0.5, asn: 65005, port: 17982, routerType: router, holdTime: 3, families: [inet-vpn]}}");
      config.create("/api/v1/bgprouters", "{apiVersion: weft/v1, kind: BgpRouter, metadata: {name: cn1}, spec: "
          + "{address: 127.0.0.22, asn: 64512, port: 17952, routerType: control-node, families: [inet-vpn], peers: [bird]}}");
      try (ControlNode cn = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, -1),
          BgpService.Settings.of("cn1", null).withConnectRetry(Duration.ofSeconds(1)))) {
        within(WAIT, () -> assertThat(d.birdc("show", "protocols", "all", "weft"))
            .contains("Bad peer AS"));
        within(WAIT, () -> assertThat(cn.bgp().status()).singleElement().satisfies(s -> {
          assertThat(s.state()).isNotEqualTo("ESTABLISHED");
          assertThat(s.lastDown()).contains("OPEN rejected");
        }));

        config.patch("/api/v1/bgprouters/bird", "{\"spec\": {\"asn\": 65004}}");
        within(WAIT, () -> assertThat(cn.bgp().status()).singleElement().satisfies(s -> {
          assertThat(s.state()).isEqualTo("ESTABLISHED");
          assertThat(s.holdTime()).isEqualTo(3);
        }));

        run("kill", "-STOP", pid);
        try {
          within(WAIT, () -> assertThat(cn.bgp().status()).singleElement()
              .satisfies(s -> assertThat(s.lastDown()).contains("hold timer expired")));
        } finally {
          run("kill", "-CONT", pid);
        }
        within(WAIT, () -> assertThat(d.birdc("show", "protocols", "all", "weft"))
            .contains("Received: Hold timer expired"));
      }
    }
  }
}
