package io.weft.forwarder;

import static io.weft.forwarder.Frames.ip;
import static io.weft.forwarder.Frames.v4;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.port.MemoryPortBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two forwarders as two hosts with underlay 127.0.1.51 and 127.0.1.52 (apart from
 * weft-e2e's 127.0.1.1/.2, which may run at the same time), over real sockets.
 * Host 2's port is policy-enabled, so the decapsulated packet misses, is held, and is
 * released by the decision; the reply goes back through the tunnel the other way.
 */
class EncapsulationTest {
  static final Duration WAIT = Duration.ofSeconds(3);
  static final MacAddress GW = MacAddress.GATEWAY;
  static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:00:0a");
  static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:00:0b");

  @ParameterizedTest
  @EnumSource(Encapsulation.class)
  void podsOnTwoHostsTalkThroughTheOverlay(Encapsulation encap) throws Exception {
    if (encap == Encapsulation.MPLS_GRE) Root.require("MPLSoGRE over a raw IP socket");
    InetAddress h1 = InetAddress.ofLiteral("127.0.1.51");
    InetAddress h2 = InetAddress.ofLiteral("127.0.1.52");
    List<Encapsulation> only = List.of(encap);
    MemoryPortBackend a = new MemoryPortBackend();
    MemoryPortBackend b = new MemoryPortBackend();
    BlockingQueue<FlowMiss> misses2 = new LinkedBlockingQueue<>();
    try (Forwarder f1 = Forwarder.start(ForwarderConfig.defaults().withUnderlay(h1).withEncapsulationPriority(only)
            .withMplsOverGre(encap == Encapsulation.MPLS_GRE));
        Forwarder f2 = Forwarder.start(ForwarderConfig.defaults().withUnderlay(h2).withEncapsulationPriority(only)
            .withMplsOverGre(encap == Encapsulation.MPLS_GRE))) {
      assertThat(f1.supportedEncapsulations()).contains(encap);
      f2.setAgentListener(new AgentListener() {
        @Override
        public void onFlowMiss(FlowMiss miss) {
          misses2.add(miss);
        }

        @Override
        public void onTrappedPacket(TrappedPacket packet) {}
      });
      Set<Encapsulation> all = Set.of(Encapsulation.values());
      f1.addVrf("red");
      f1.addPort(new PortSpec("tap-a", MAC_A, "red", List.of(v4("10.1.1.1")), false), a);
      f1.addRoute("red", IpPrefix.parse("10.1.1.1/32"), new NextHop.Interface("tap-a"));
      f1.addRoute("red", IpPrefix.parse("10.1.1.2/32"), new NextHop.Tunnel(h2, 5002, 100, all));
      f1.addLabel(5001, "tap-a", LabelPayload.IP);
      f1.addVni(100, "red");
      f2.addVrf("red");
      f2.addPort(new PortSpec("tap-b", MAC_B, "red", List.of(v4("10.1.1.2")), true), b);
      f2.addRoute("red", IpPrefix.parse("10.1.1.2/32"), new NextHop.Interface("tap-b"));
      f2.addRoute("red", IpPrefix.parse("10.1.1.1/32"), new NextHop.Tunnel(h1, 5001, 100, all));
      f2.addLabel(5002, "tap-b", LabelPayload.IP);
      f2.addVni(100, "red");

      a.inject(Frames.ping(GW, MAC_A, "10.1.1.1", "10.1.1.2", 42));
      FlowMiss miss = misses2.poll(3, TimeUnit.SECONDS);
      assertThat(miss).as("decapsulated packet misses on host 2").isNotNull();
      assertThat(miss.ingress()).isEqualTo("underlay:" + encap);
      assertThat(miss.key().source()).isEqualTo(v4("10.1.1.1"));
      f2.installFlow(FlowDecision.forward(miss.key(), "allow-icmp"));

      byte[] got = b.nextSent(WAIT);
      assertThat(got).as("held packet released to the pod").isNotNull();
      assertThat(Frames.eth(got).destination()).isEqualTo(MAC_B);
      assertThat(ip(got).source()).isEqualTo(v4("10.1.1.1"));

      b.inject(Frames.ping(GW, MAC_B, "10.1.1.2", "10.1.1.1", 42)); // same key reversed: the reverse flow
      byte[] back = a.nextSent(WAIT);
      assertThat(back).isNotNull();
      assertThat(ip(back).source()).isEqualTo(v4("10.1.1.2"));
      // Counters are bumped after the send returns, so the peer may be faster than them.
      ForwarderTest.awaitCounter(() -> f1.underlayCounters().txPackets(), 1);
      ForwarderTest.awaitCounter(() -> f1.underlayCounters().rxPackets(), 1);
      ForwarderTest.awaitCounter(() -> f2.underlayCounters().txPackets(), 1);
      assertThat(f2.flow(miss.key().reversed()).orElseThrow().packets()).isEqualTo(1);
    }
  }
}
