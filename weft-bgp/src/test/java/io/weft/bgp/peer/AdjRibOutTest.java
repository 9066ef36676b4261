package io.weft.bgp.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.session.Negotiated;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.DecodeResult;
import io.weft.bgp.wire.EncodedMessages;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.LocalPref;
import io.weft.bgp.wire.MessageCodec;
import io.weft.bgp.wire.MpReachNlri;
import io.weft.bgp.wire.MpUnreachNlri;
import io.weft.bgp.wire.Nlri;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.Update;
import io.weft.bgp.wire.VpnPrefix;
import io.weft.bgp.wire.WireOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared Adj-RIB-Out against sinks standing in for sessions: what each neighbour is sent, and when. */
class AdjRibOutTest {
  private static final Family VPN = Family.IPV4_VPN;
  private static final RouteDistinguisher RD = RouteDistinguisher.parse("65000:1");

  private final AdjRibOut out = new AdjRibOut(65000);

  @AfterEach
  void close() {
    out.close();
  }

  /** A neighbour: its BgpPeer (the identity the table keys on) and what its session was handed. */
  private final class Neighbour implements OutboundSink {
    final BgpPeer peer;
    final List<EncodedMessages> encoded = new CopyOnWriteArrayList<>();
    final List<BgpMessage> messages = new CopyOnWriteArrayList<>();
    volatile long handed; // octets of encoded UPDATEs handed over
    volatile long fullAt = Long.MAX_VALUE; // its queue reports full from this many octets on

    Neighbour(String address) {
      peer = new BgpPeer(PeerConfig.of(Addresses.parse(address), 179, 65000, List.of(VPN)), e -> { }, null, out);
      out.add(peer, this);
    }

    void up() {
      out.established(peer, new Negotiated(65000, Addresses.parseV4("10.9.9.9"), 90, 30, List.of(VPN), true, true, List.of(),
          true, Optional.empty(), false, null));
    }

    @Override
    public void send(EncodedMessages m) {
      encoded.add(m);
      handed += m.length();
      byte[] b = m.bytes();
      for (int at = 0; at < b.length; ) {
        int len = ((b[at + 16] & 0xff) << 8) | (b[at + 17] & 0xff);
        DecodeResult r = MessageCodec.decode(Arrays.copyOfRange(b, at, at + len), WireOptions.DEFAULT);
        messages.add(((DecodeResult.Decoded) r).message());
        at += len;
      }
    }

    @Override
    public void send(BgpMessage m) {
      messages.add(m);
    }

    @Override
    public boolean full() {
      return handed >= fullAt;
    }

    /** Its queue takes {@code octets} more, then reports full. */
    void stallAfter(long octets) {
      fullAt = handed + octets;
    }

    /** Its queue drained: it says so, as its session would. */
    void drain() {
      fullAt = Long.MAX_VALUE;
      out.drained(peer);
    }

    /** What it holds after applying every UPDATE in order: prefix → LOCAL_PREF. */
    Map<String, Long> view() {
      return AdjRibOutTest.view(messages);
    }

    /** Every NLRI announced so far, in order, with the LOCAL_PREF it was sent with. */
    List<String> announced() {
      return AdjRibOutTest.announced(messages);
    }

    List<String> withdrawn() {
      return AdjRibOutTest.withdrawn(messages);
    }

    long endOfRibs() {
      return messages.stream().filter(m -> m instanceof Update u && u.endOfRibFamily().equals(Optional.of(VPN))).count();
    }
  }

  static List<String> announced(List<BgpMessage> messages) {
    List<String> a = new ArrayList<>();
    for (BgpMessage m : messages) {
      if (!(m instanceof Update u)) continue;
      long pref = u.attribute(LocalPref.class).map(LocalPref::value).orElse(-1L);
      u.attribute(MpReachNlri.class).ifPresent(r -> r.nlri().forEach(n -> a.add(((VpnPrefix) n).prefix() + "@" + pref)));
    }
    return a;
  }

  static List<String> withdrawn(List<BgpMessage> messages) {
    List<String> w = new ArrayList<>();
    for (BgpMessage m : messages) {
      if (m instanceof Update u && u.endOfRibFamily().isEmpty()) {
        u.attribute(MpUnreachNlri.class).ifPresent(x -> x.withdrawn().forEach(n -> w.add(((VpnPrefix) n).prefix().toString())));
      }
    }
    return w;
  }

  static Map<String, Long> view(List<BgpMessage> messages) {
    Map<String, Long> v = new TreeMap<>();
    for (BgpMessage m : messages) {
      if (!(m instanceof Update u)) continue;
      u.attribute(MpUnreachNlri.class).ifPresent(x -> x.withdrawn().forEach(n -> v.remove(((VpnPrefix) n).prefix().toString())));
      long pref = u.attribute(LocalPref.class).map(LocalPref::value).orElse(-1L);
      u.attribute(MpReachNlri.class).ifPresent(r -> r.nlri().forEach(n -> v.put(((VpnPrefix) n).prefix().toString(), pref)));
    }
    return v;
  }

  private static VpnPrefix prefix(int i) {
    return new VpnPrefix(RD, 100 + i, IpPrefix.parse("10.0." + (i >> 8) + "." + (i & 0xff) + "/32"));
  }

  private static Route route(int i, long localPref) {
    return new Route(VPN, prefix(i), Addresses.parse("192.0.2.1"), List.of(Origin.IGP, AsPath.EMPTY, new LocalPref(localPref)));
  }

  private static List<String> expected(int count, long pref) {
    List<String> e = new ArrayList<>();
    for (int i = 0; i < count; i++) e.add(prefix(i).prefix() + "@" + pref);
    return e;
  }

  @Test
  void aNeighbourThatComesUpLateGetsEveryRouteThenEndOfRib() throws Exception {
    Neighbour early = new Neighbour("127.0.0.2");
    early.up();
    for (int i = 0; i < 3000; i++) out.advertise(route(i, 100), p -> true);
    Neighbour late = new Neighbour("127.0.0.3");
    for (int i = 0; i < 3000; i++) out.advertise(route(i, 100), late.peer); // its share, as a new neighbour's is filled
    late.up();
    waitFor(() -> late.endOfRibs() == 1 && early.announced().size() == 3000);
    assertThat(late.announced()).containsExactlyInAnyOrderElementsOf(expected(3000, 100));
    Update last = (Update) late.messages.getLast();
    assertThat(last.endOfRibFamily()).contains(VPN); // after the routes, not before
    assertThat(early.announced()).containsExactlyInAnyOrderElementsOf(expected(3000, 100));
    assertThat(out.prefixes(late.peer)).containsEntry(VPN, 3000);
  }

  @Test
  void membersOfOneUpdateGroupShareTheEncodedBytes() throws Exception {
    Neighbour a = new Neighbour("127.0.0.2");
    Neighbour b = new Neighbour("127.0.0.3");
    a.up();
    b.up();
    waitFor(() -> a.endOfRibs() == 1 && b.endOfRibs() == 1);
    for (int i = 0; i < 500; i++) out.advertise(route(i, 100), p -> true);
    waitFor(() -> a.announced().size() == 500 && b.announced().size() == 500);
    assertThat(a.encoded).hasSameSizeAs(b.encoded);
    for (int i = 0; i < a.encoded.size(); i++) assertThat(a.encoded.get(i)).isSameAs(b.encoded.get(i));
  }

  @Test
  void aRouteIsNotReflectedToNeighboursTheFilterExcludes() throws Exception {
    Neighbour originator = new Neighbour("127.0.0.2");
    Neighbour client = new Neighbour("127.0.0.3");
    originator.up();
    client.up();
    out.advertise(route(1, 100), p -> p != originator.peer);
    waitFor(() -> client.announced().size() == 1);
    Thread.sleep(50);
    assertThat(originator.announced()).isEmpty();
    assertThat(out.prefixes(originator.peer)).isEmpty();
  }

  @Test
  void aRouteChangedBeforeItIsSentGoesOutOnceWithTheNewestPath() throws Exception {
    Neighbour n = new Neighbour("127.0.0.2");
    n.up();
    waitFor(() -> n.endOfRibs() == 1);
    synchronized (out) { // the sender cannot run meanwhile: both changes land before it looks
      out.advertise(route(7, 100), p -> true);
      out.advertise(route(7, 200), p -> true);
      out.advertise(route(7, 300), p -> true);
    }
    waitFor(() -> !n.announced().isEmpty());
    Thread.sleep(50);
    assertThat(n.announced()).containsExactly(prefix(7).prefix() + "@300");
  }

  @Test
  void aWithdrawClearsTheSentStateAndForgetsThePrefix() throws Exception {
    Neighbour n = new Neighbour("127.0.0.2");
    n.up();
    out.advertise(route(1, 100), p -> true);
    out.advertise(route(2, 100), p -> true);
    waitFor(() -> n.announced().size() == 2);
    out.withdraw(new FamilyNlri(VPN, prefix(1)));
    waitFor(() -> n.withdrawn().size() == 1);
    assertThat(n.withdrawn()).containsExactly(prefix(1).prefix().toString());
    waitFor(() -> out.size() == 1);
    // Withdrawn once is withdrawn: the next withdrawal of it sends nothing, and a new session does not get it.
    out.withdraw(new FamilyNlri(VPN, prefix(1)));
    out.down(n.peer);
    n.messages.clear();
    n.up();
    waitFor(() -> n.endOfRibs() == 1);
    assertThat(n.announced()).containsExactly(prefix(2).prefix() + "@100");
    assertThat(n.withdrawn()).isEmpty();
    assertThat(out.pending(n.peer)).isZero();
  }

  @Test
  void aWithdrawBeforeTheAnnouncementWasSentSendsNothing() throws Exception {
    Neighbour n = new Neighbour("127.0.0.2");
    n.up();
    waitFor(() -> n.endOfRibs() == 1);
    synchronized (out) {
      out.advertise(route(1, 100), p -> true);
      out.withdraw(new FamilyNlri(VPN, prefix(1)));
    }
    out.advertise(route(2, 100), p -> true); // a marker: once it is out, the first prefix was looked at
    waitFor(() -> n.announced().size() == 1);
    assertThat(n.announced()).containsExactly(prefix(2).prefix() + "@100");
    assertThat(n.withdrawn()).isEmpty();
    waitFor(() -> out.size() == 1);
  }

  @Test
  void routeRefreshSendsTheFamilyAgainThenEndOfRib() throws Exception {
    Neighbour n = new Neighbour("127.0.0.2");
    n.up();
    for (int i = 0; i < 10; i++) out.advertise(route(i, 100), p -> true);
    waitFor(() -> n.announced().size() == 10 && n.endOfRibs() == 1);
    out.refresh(n.peer, VPN);
    waitFor(() -> n.endOfRibs() == 2);
    assertThat(n.announced()).hasSize(20);
  }

  @Test
  void endOfRibWaitsWhileTheSpeakerDefersIt() throws Exception {
    out.deferEndOfRib();
    Neighbour n = new Neighbour("127.0.0.2");
    out.advertise(route(1, 100), p -> true);
    n.up();
    waitFor(() -> n.announced().size() == 1);
    Thread.sleep(50);
    assertThat(n.endOfRibs()).isZero();
    out.releaseEndOfRib();
    waitFor(() -> n.endOfRibs() == 1);
  }

  @Test
  void endOfRibHeldForOneNeighbourFollowsTheRoutesDecidedLater() throws Exception {
    Neighbour held = new Neighbour("127.0.0.2");
    Neighbour other = new Neighbour("127.0.0.3");
    out.holdEndOfRib(held.peer, List.of(VPN));
    held.up();
    other.up();
    waitFor(() -> other.endOfRibs() == 1);
    Thread.sleep(50);
    assertThat(held.endOfRibs()).isZero();
    for (int i = 0; i < 10; i++) out.advertise(route(i, 100), held.peer);
    out.releaseEndOfRib(held.peer);
    waitFor(() -> held.endOfRibs() == 1);
    assertThat(held.announced()).containsExactlyInAnyOrderElementsOf(expected(10, 100));
    assertThat(((Update) held.messages.getLast()).endOfRibFamily()).contains(VPN);

    // The hold was for that session: the next one gets its End-of-RIB after its dump as usual.
    out.down(held.peer);
    held.up();
    waitFor(() -> held.endOfRibs() == 2);
  }

  @Test
  void aSessionThatWentDownIsSentNothingUntilItComesBack() throws Exception {
    Neighbour n = new Neighbour("127.0.0.2");
    n.up();
    waitFor(() -> n.endOfRibs() == 1);
    out.down(n.peer);
    out.advertise(route(1, 100), p -> true);
    Thread.sleep(50);
    assertThat(n.announced()).isEmpty();
    assertThat(out.prefixes(n.peer)).containsEntry(VPN, 1);
    n.up();
    waitFor(() -> n.announced().size() == 1 && n.endOfRibs() == 2);
  }

  /**
   * A neighbour whose session queue is full is handed nothing more (past one message group,
   * here one UPDATE) while the other member of its update group gets everything; once it
   * drains it is sent only the final state: each prefix changed meanwhile once, with its
   * newest path; the withdrawal of a prefix it had been sent; nothing of a prefix announced
   * and withdrawn meanwhile.
   */
  @Test
  void aNeighbourWithAFullQueueIsHandedNothingMoreThenOnlyTheFinalState() throws Exception {
    Neighbour fast = new Neighbour("127.0.0.2");
    Neighbour stuck = new Neighbour("127.0.0.3");
    fast.up();
    stuck.up();
    for (int i = 0; i < 10; i++) out.advertise(route(i, 100), p -> true);
    waitFor(() -> fast.announced().size() == 10 && stuck.announced().size() == 10);

    stuck.stallAfter(1000);
    long bound = stuck.fullAt + MessageCodec.MAX_MESSAGE;
    for (int i = 10; i < 1010; i++) out.advertise(route(i, 1000 + i), p -> true); // a path each: an UPDATE each
    waitFor(() -> fast.view().size() == 1010);
    assertThat(stuck.full()).as("stalled within the first changes").isTrue();
    int stalledAt = stuck.messages.size();
    for (int i = 10; i < 1010; i++) out.advertise(route(i, 5000 + i), p -> true);
    for (int i = 0; i < 5; i++) out.advertise(route(i, 300), p -> true);
    out.advertise(route(2000, 100), p -> true);
    waitFor(() -> fast.view().containsKey(prefix(2000).prefix().toString()));
    out.withdraw(new FamilyNlri(VPN, prefix(2000)));
    out.withdraw(new FamilyNlri(VPN, prefix(9)));
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < 9; i++) expected.put(prefix(i).prefix().toString(), i < 5 ? 300L : 100L);
    for (int i = 10; i < 1010; i++) expected.put(prefix(i).prefix().toString(), 5000L + i);
    waitFor(() -> fast.view().equals(expected));
    assertThat(stuck.messages).hasSize(stalledAt);
    assertThat(stuck.handed).isLessThanOrEqualTo(bound);

    stuck.drain();
    waitFor(() -> stuck.view().equals(expected));
    List<BgpMessage> caughtUp = List.copyOf(stuck.messages.subList(stalledAt, stuck.messages.size()));
    List<String> finalState = new ArrayList<>();
    for (int i = 0; i < 5; i++) finalState.add(prefix(i).prefix() + "@300");
    for (int i = 10; i < 1010; i++) finalState.add(prefix(i).prefix() + "@" + (5000 + i));
    assertThat(announced(caughtUp)).containsExactlyInAnyOrderElementsOf(finalState);
    assertThat(withdrawn(caughtUp)).containsExactly(prefix(9).prefix().toString());
    assertThat(out.pending(stuck.peer)).isZero();
    waitFor(() -> out.size() == expected.size()); // the announced-and-withdrawn prefix is forgotten
  }

  /** Members that fell behind together and drain together catch up on one encoding, as the group shares it. */
  @Test
  void neighboursCatchingUpTogetherShareTheEncodedBytes() throws Exception {
    Neighbour a = new Neighbour("127.0.0.2");
    Neighbour b = new Neighbour("127.0.0.3");
    a.up();
    b.up();
    waitFor(() -> a.endOfRibs() == 1 && b.endOfRibs() == 1);
    a.stallAfter(0);
    b.stallAfter(0);
    for (int i = 0; i < 500; i++) out.advertise(route(i, 100), p -> true);
    waitFor(() -> out.pending(a.peer) == 500 && out.pending(b.peer) == 500);
    assertThat(a.encoded).isEmpty();
    synchronized (out) { // both drained before the sender looks
      a.drain();
      b.drain();
    }
    waitFor(() -> a.announced().size() == 500 && b.announced().size() == 500);
    assertThat(a.encoded).hasSameSizeAs(b.encoded);
    for (int i = 0; i < a.encoded.size(); i++) assertThat(a.encoded.get(i)).isSameAs(b.encoded.get(i));
  }

  /** A session that comes up into a full queue gets End-of-RIB only after the rest of its routes, once drained. */
  @Test
  void endOfRibWaitsUntilAStalledDumpIsComplete() throws Exception {
    Neighbour early = new Neighbour("127.0.0.2");
    early.up();
    int routes = 5000; // more than one scan chunk: the second finds the queue full
    for (int i = 0; i < routes; i++) out.advertise(route(i, 100), p -> true);
    Neighbour late = new Neighbour("127.0.0.3");
    for (int i = 0; i < routes; i++) out.advertise(route(i, 100), late.peer);
    waitFor(() -> early.announced().size() == routes);
    late.stallAfter(1000);
    late.up();
    waitFor(late::full);
    out.advertise(route(routes, 100), p -> true); // a marker: once the early neighbour has it, the sender ran on past the stall
    waitFor(() -> early.announced().size() == routes + 1);
    assertThat(late.endOfRibs()).isZero();
    assertThat(out.pending(late.peer)).isPositive();

    late.drain();
    waitFor(() -> late.endOfRibs() == 1);
    assertThat(((Update) late.messages.getLast()).endOfRibFamily()).contains(VPN);
    assertThat(late.announced()).containsExactlyInAnyOrderElementsOf(expected(routes + 1, 100));
  }

  static void waitFor(BooleanSupplier ok) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("condition not met within 10s");
      Thread.sleep(5);
    }
  }
}
