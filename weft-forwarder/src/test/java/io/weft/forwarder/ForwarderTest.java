package io.weft.forwarder;

import static io.weft.forwarder.Frames.ip;
import static io.weft.forwarder.Frames.v4;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.packet.Udp;
import io.weft.forwarder.port.MemoryPortBackend;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Packet-in/packet-out through in-memory ports, with an injected clock and a test agent. */
class ForwarderTest {
  static final Duration WAIT = Duration.ofSeconds(2);
  static final Duration NONE = Duration.ofMillis(200);
  static final MacAddress GW = MacAddress.GATEWAY;
  static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:00:0a");
  static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:00:0b");

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final BlockingQueue<FlowMiss> misses = new LinkedBlockingQueue<>();
  final BlockingQueue<TrappedPacket> traps = new LinkedBlockingQueue<>();
  final MemoryPortBackend a = new MemoryPortBackend();
  final MemoryPortBackend b = new MemoryPortBackend();
  Forwarder fw;

  @BeforeEach
  void start() {
    fw = Forwarder.start(ForwarderConfig.defaults().withClock(now::get).withPerPortFlowLimit(20), null);
    fw.setAgentListener(new AgentListener() {
      @Override
      public void onFlowMiss(FlowMiss miss) {
        misses.add(miss);
      }

      @Override
      public void onTrappedPacket(TrappedPacket packet) {
        traps.add(packet);
      }
    });
  }

  @AfterEach
  void stop() {
    fw.close();
  }

  void twoPorts(boolean policy) {
    fw.addVrf("red");
    fw.addPort(new PortSpec("tap-a", MAC_A, "red", List.of(v4("10.1.1.1")), policy), a);
    fw.addPort(new PortSpec("tap-b", MAC_B, "red", List.of(v4("10.1.1.2")), policy), b);
    fw.addRoute("red", IpPrefix.parse("10.1.1.1/32"), new NextHop.Interface("tap-a"));
    fw.addRoute("red", IpPrefix.parse("10.1.1.2/32"), new NextHop.Interface("tap-b"));
    fw.addMac("red", MAC_A, new NextHop.Interface("tap-a"));
    fw.addMac("red", MAC_B, new NextHop.Interface("tap-b"));
  }

  @Test
  void l2SwitchesByMacAndL3RoutesViaGatewayMac() throws Exception {
    twoPorts(false);
    byte[] l2 = Frames.udp(MAC_B, MAC_A, "10.1.1.1", "10.1.1.2", 1000, 2000, "hi".getBytes());
    a.inject(l2);
    assertThat(b.nextSent(WAIT)).isEqualTo(l2);

    a.inject(Frames.udp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 1000, 2000, "routed".getBytes()));
    byte[] out = b.nextSent(WAIT);
    assertThat(Frames.eth(out).destination()).isEqualTo(MAC_B);
    assertThat(Frames.eth(out).source()).isEqualTo(GW);
    assertThat(ip(out).destination()).isEqualTo(v4("10.1.1.2"));
    // Counters move after the backend send returns, so the packet loop may still be there.
    awaitCounter(() -> fw.portCounters("tap-b").orElseThrow().txPackets(), 2);
    awaitCounter(() -> fw.vrfCounters("red").orElseThrow().rxPackets(), 2);
  }

  @Test
  void flowMissHoldsThenDecisionForwardsHeldAndReverse() throws Exception {
    twoPorts(true);
    for (int i = 0; i < 5; i++) a.inject(Frames.udp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 1000, 53, new byte[] {(byte) i}));
    FlowMiss miss = misses.poll(2, TimeUnit.SECONDS);
    assertThat(miss).isNotNull();
    assertThat(miss.vrf()).isEqualTo("red");
    assertThat(miss.ingress()).isEqualTo("tap-a");
    assertThat(miss.key().destination()).isEqualTo(v4("10.1.1.2"));
    assertThat(miss.key().dstPort()).isEqualTo(53);
    awaitCounter(() -> fw.counters().drops(DropReason.HOLD_QUEUE_FULL), 2);
    assertThat(b.nextSent(NONE)).isNull();
    assertThat(misses.poll(100, TimeUnit.MILLISECONDS)).as("one miss per flow").isNull();

    fw.installFlow(FlowDecision.forward(miss.key(), "allow-dns"));
    for (int i = 0; i < 3; i++) assertThat(Udp.decode(ByteBuffer.wrap(ip(b.nextSent(WAIT)).payload()), v4("10.1.1.1"),
        v4("10.1.1.2")).orElseThrow().payload()).containsExactly(i);

    b.inject(Frames.udp(GW, MAC_B, "10.1.1.2", "10.1.1.1", 53, 1000, "answer".getBytes()));
    assertThat(ip(a.nextSent(WAIT)).source()).isEqualTo(v4("10.1.1.2"));
    assertThat(misses).isEmpty();
    FlowSnapshot fwd = fw.flow(miss.key()).orElseThrow();
    assertThat(fwd.action()).isEqualTo(FlowAction.FORWARD);
    assertThat(fwd.packets()).isEqualTo(3);
    assertThat(fwd.rule()).isEqualTo("allow-dns");
    assertThat(fw.flow(miss.key().reversed()).orElseThrow().packets()).isEqualTo(1);
  }

  @Test
  void dropDecisionIsCounted() throws Exception {
    twoPorts(true);
    a.inject(Frames.tcp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 40000, 22, 0x02));
    FlowMiss miss = misses.poll(2, TimeUnit.SECONDS);
    fw.installFlow(FlowDecision.drop(miss.key(), "deny-ssh"));
    a.inject(Frames.tcp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 40000, 22, 0x02));
    awaitCounter(() -> fw.counters().drops(DropReason.FLOW_ACTION_DROP), 2);
    assertThat(b.nextSent(NONE)).isNull();
    assertThat(fw.portCounters("tap-a").orElseThrow().drops(DropReason.FLOW_ACTION_DROP)).isEqualTo(2);
    assertThat(fw.flow(miss.key()).orElseThrow().packets()).isEqualTo(2);
  }

  @Test
  void ecmpMemberStaysWithTheFlowWhenMembersAreAdded() throws Exception {
    fw.addVrf("red");
    fw.addPort(new PortSpec("tap-a", MAC_A, "red", List.of(), true), a);
    MemoryPortBackend[] ms = new MemoryPortBackend[4];
    for (int i = 0; i < 4; i++) {
      ms[i] = new MemoryPortBackend();
      fw.addPort(new PortSpec("m" + i, MacAddress.parse("02:00:00:00:01:0" + i), "red", List.of(), false), ms[i]);
    }
    IpPrefix vip = IpPrefix.parse("10.9.9.9/32");
    fw.addRoute("red", vip, new NextHop.Ecmp(List.of(new NextHop.Interface("m0"), new NextHop.Interface("m1"))));
    int flowsCount = 16;
    int[] memberOf = new int[flowsCount];
    for (int f = 0; f < flowsCount; f++) {
      byte[] frame = Frames.udp(GW, MAC_A, "10.1.1.1", "10.9.9.9", 10_000 + f, 80, new byte[0]);
      a.inject(frame);
      FlowMiss miss = misses.poll(2, TimeUnit.SECONDS);
      fw.installFlow(FlowDecision.forward(miss.key(), "lb"));
      memberOf[f] = whoGot(ms);
    }
    assertThat(java.util.Arrays.stream(memberOf).distinct().count()).as("the hash spreads flows").isEqualTo(2);
    fw.addRoute("red", vip, new NextHop.Ecmp(List.of(new NextHop.Interface("m0"), new NextHop.Interface("m1"),
        new NextHop.Interface("m2"), new NextHop.Interface("m3"))));
    for (int f = 0; f < flowsCount; f++) {
      a.inject(Frames.udp(GW, MAC_A, "10.1.1.1", "10.9.9.9", 10_000 + f, 80, new byte[0]));
      assertThat(whoGot(ms)).as("flow %d keeps its member", f).isEqualTo(memberOf[f]);
    }
    a.inject(Frames.udp(GW, MAC_A, "10.1.1.1", "10.9.9.9", 20_000, 80, new byte[0]));
    FlowMiss fresh = misses.poll(2, TimeUnit.SECONDS);
    fw.installFlow(FlowDecision.forward(fresh.key(), "lb"));
    whoGot(ms);
    assertThat(fw.flow(fresh.key()).orElseThrow().ecmpIndex()).isBetween(0, 3);
  }

  private static int whoGot(MemoryPortBackend[] ms) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < ms.length; i++) if (ms[i].nextSent(Duration.ofMillis(5)) != null) return i;
    }
    throw new AssertionError("no member received the packet");
  }

  @Test
  void idleFlowsAgeOutWithTheInjectedClock() throws Exception {
    twoPorts(true);
    a.inject(Frames.udp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 1, 2, new byte[0]));
    FlowMiss miss = misses.poll(2, TimeUnit.SECONDS);
    fw.installFlow(FlowDecision.forward(miss.key(), "r"));
    assertThat(b.nextSent(WAIT)).isNotNull();
    now.addAndGet(Duration.ofSeconds(179).toNanos());
    assertThat(fw.ageFlows()).isZero();
    b.inject(Frames.udp(GW, MAC_B, "10.1.1.2", "10.1.1.1", 2, 1, new byte[0])); // reverse traffic keeps the pair
    assertThat(a.nextSent(WAIT)).isNotNull();
    now.addAndGet(Duration.ofSeconds(179).toNanos());
    assertThat(fw.ageFlows()).isZero();
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(fw.ageFlows()).isEqualTo(2);
    assertThat(fw.flows()).isEmpty();
  }

  @Test
  void unansweredHoldTimesOutAndItsPacketsAreCounted() throws Exception {
    twoPorts(true);
    a.inject(Frames.udp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 1, 2, new byte[0]));
    assertThat(misses.poll(2, TimeUnit.SECONDS)).isNotNull();
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    assertThat(fw.ageFlows()).isEqualTo(1);
    assertThat(fw.counters().drops(DropReason.HOLD_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void tcpFinBothWaysOrRstShortensTheTimeout() throws Exception {
    twoPorts(true);
    a.inject(Frames.tcp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 5000, 80, 0x02));
    FlowMiss miss = misses.poll(2, TimeUnit.SECONDS);
    fw.installFlow(FlowDecision.forward(miss.key(), "web"));
    b.nextSent(WAIT);
    a.inject(Frames.tcp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 5000, 80, 0x11)); // FIN+ACK
    b.nextSent(WAIT);
    assertThat(fw.flow(miss.key()).orElseThrow().tcpClosing()).isFalse();
    b.inject(Frames.tcp(GW, MAC_B, "10.1.1.2", "10.1.1.1", 80, 5000, 0x11));
    a.nextSent(WAIT);
    assertThat(fw.flow(miss.key()).orElseThrow().tcpClosing()).isTrue();
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(fw.ageFlows()).isEqualTo(2);

    a.inject(Frames.tcp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 5001, 80, 0x02));
    FlowMiss second = misses.poll(2, TimeUnit.SECONDS);
    fw.installFlow(FlowDecision.forward(second.key(), "web"));
    b.nextSent(WAIT);
    b.inject(Frames.tcp(GW, MAC_B, "10.1.1.2", "10.1.1.1", 80, 5001, 0x04)); // RST
    a.nextSent(WAIT);
    assertThat(fw.flow(second.key()).orElseThrow().tcpClosing()).isTrue();
  }

  @Test
  void perPortFlowLimitDropsNewFlows() throws Exception {
    twoPorts(true);
    for (int i = 0; i < 22; i++) a.inject(Frames.udp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 100 + i, 2, new byte[0]));
    awaitCounter(() -> fw.counters().drops(DropReason.FLOW_LIMIT), 2);
    assertThat(fw.flows()).hasSize(20);
  }

  @Test
  void malformedFramesAreCountedAndTheLoopGoesOn() throws Exception {
    twoPorts(false);
    a.inject(new byte[] {1, 2, 3});
    byte[] bad = Frames.udp(GW, MAC_A, "10.1.1.1", "10.1.1.2", 1, 2, new byte[0]);
    bad[14 + 3] = (byte) 0xff; // total length beyond the frame
    a.inject(bad);
    byte[] good = Frames.udp(MAC_B, MAC_A, "10.1.1.1", "10.1.1.2", 1, 2, new byte[0]);
    a.inject(good);
    assertThat(b.nextSent(WAIT)).isEqualTo(good);
    assertThat(fw.counters().drops(DropReason.MALFORMED)).isEqualTo(2);
    assertThat(fw.portCounters("tap-a").orElseThrow().drops(DropReason.MALFORMED)).isEqualTo(2);
  }

  @Test
  void arpIsTrappedToTheAgentAndTheAgentCanAnswer() throws Exception {
    twoPorts(false);
    io.weft.forwarder.packet.Arp req = new io.weft.forwarder.packet.Arp(1, MAC_A, v4("10.1.1.1"), MacAddress.ZERO, v4("10.1.1.254"));
    a.inject(io.weft.forwarder.packet.Ethernet.untagged(MacAddress.BROADCAST, MAC_A, 0x0806, req.encode()).encode());
    TrappedPacket t = traps.poll(2, TimeUnit.SECONDS);
    assertThat(t.reason()).isEqualTo(TrapReason.ARP);
    assertThat(t.port()).isEqualTo("tap-a");
    byte[] reply = io.weft.forwarder.packet.Ethernet.untagged(MAC_A, GW, 0x0806, req.replyWith(GW).encode()).encode();
    fw.sendToPort("tap-a", reply);
    assertThat(a.nextSent(WAIT)).isEqualTo(reply);
    a.inject(Frames.udp(MacAddress.BROADCAST, MAC_A, "10.1.1.1", "10.1.1.255", 1, 2, new byte[0]));
    awaitCounter(() -> fw.counters().drops(DropReason.FLOOD), 1);
  }

  @Test
  void objectsWaitingForWhatTheyReferToArePendingThenActive() throws Exception {
    assertThat(fw.addRoute("blue", IpPrefix.parse("10.2.0.5/32"), new NextHop.Interface("tap-x"))).isEqualTo(ObjectState.PENDING);
    assertThat(fw.addPort(new PortSpec("tap-x", MAC_B, "blue", List.of(), false), b)).isEqualTo(ObjectState.PENDING);
    assertThat(fw.addLabel(5000, "tap-x", LabelPayload.IP)).isEqualTo(ObjectState.ACTIVE);
    assertThat(fw.addVni(7, "blue")).isEqualTo(ObjectState.PENDING);
    assertThat(fw.addRoute("blue", IpPrefix.parse("10.3.0.0/16"),
        new NextHop.Tunnel(v4("127.0.1.9"), 17, 7, Set.of(Encapsulation.VXLAN)))).isEqualTo(ObjectState.PENDING);
    fw.addVrf("blue");
    assertThat(fw.routeState("blue", IpPrefix.parse("10.2.0.5/32"))).contains(ObjectState.ACTIVE);
    assertThat(fw.portState("tap-x")).contains(ObjectState.ACTIVE);
    assertThat(fw.status()).filteredOn(s -> s.table().equals("vni")).extracting(RouteStatus::state).containsExactly(ObjectState.ACTIVE);
    assertThat(fw.status()).filteredOn(s -> s.key().equals("10.3.0.0/16")).singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("no common encapsulation"));
    fw.removePort("tap-x");
    assertThat(fw.routeState("blue", IpPrefix.parse("10.2.0.5/32"))).contains(ObjectState.PENDING);
    assertThat(fw.status()).filteredOn(s -> s.table().equals("label")).extracting(RouteStatus::state).containsExactly(ObjectState.PENDING);
  }

  static void awaitCounter(java.util.function.LongSupplier counter, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (counter.getAsLong() < expected && System.nanoTime() < deadline) Thread.sleep(5);
    assertThat(counter.getAsLong()).isEqualTo(expected);
  }
}
