package io.weft.control.bgp;

import io.weft.bgp.peer.Route;
import io.weft.bgp.peer.UpdatePacker;
import io.weft.bgp.session.Fsm;
import io.weft.bgp.session.FsmAction;
import io.weft.bgp.session.GracefulRestartConfig;
import io.weft.bgp.session.Negotiated;
import io.weft.bgp.session.SessionConfig;
import io.weft.bgp.session.SessionDriver;
import io.weft.bgp.session.SessionListener;
import io.weft.bgp.session.TcpTransport;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.ExtendedCommunities;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.IpPrefix;
import io.weft.bgp.wire.LocalPref;
import io.weft.bgp.wire.MpReachNlri;
import io.weft.bgp.wire.Nlri;
import io.weft.bgp.wire.Origin;
import io.weft.bgp.wire.RouteDistinguisher;
import io.weft.bgp.wire.RouteTarget;
import io.weft.bgp.wire.Update;
import io.weft.bgp.wire.VpnPrefix;
import io.weft.control.rib.Rib;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * bench/bgp: {@code feeder} mode is the load side (one feeder and 10 receivers, iBGP AS 65000,
 * route-reflector clients of the speaker under test); {@code weft} mode runs Weft's BgpService
 * as the speaker under test. Addresses: speaker 127.0.1.100, feeder 127.0.1.1, receivers
 * 127.0.1.10 upwards.
 */
public final class ReflectBench {
  static final long AS = 65000;
  static final String SUT = "127.0.1.100";

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    int receivers = Integer.parseInt(args[2]);
    if (args[0].equals("weft")) weft(port, receivers);
    else feed(port, receivers, Integer.parseInt(args[3]));
  }

  static String receiver(int i) {
    return "127.0.1." + (10 + i);
  }

  /** Weft as the route reflector: every neighbour a passive RR client. */
  static void weft(int port, int receivers) throws Exception {
    Map<InetAddress, BgpPlan.Neighbour> n = new LinkedHashMap<>();
    List<String> peers = new ArrayList<>();
    peers.add("127.0.1.1");
    for (int i = 0; i < receivers; i++) peers.add(receiver(i));
    for (String p : peers) {
      InetAddress a = Addresses.parse(p);
      n.put(a, new BgpPlan.Neighbour(p, a, 179, AS, List.of(Family.IPV4_VPN), 90, null, true, true, true, true));
    }
    BgpService bgp = new BgpService(new Rib(), (h, v) -> null, BgpService.Settings.of(null, null));
    bgp.apply(new BgpPlan(new BgpPlan.Local("sut", AS, Addresses.parse(SUT), port, Addresses.parseV4(SUT),
        Addresses.parseV4("10.255.255.1"), 90), n));
    System.out.println("ready");
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Connects the receivers, then the feeder; prints the time from the feeder's first UPDATE until every receiver has every route. */
  static void feed(int port, int receivers, int count) throws Exception {
    InetSocketAddress sut = new InetSocketAddress(Addresses.parse(SUT), port);
    CountDownLatch up = new CountDownLatch(receivers);
    CountDownLatch done = new CountDownLatch(receivers);
    List<SessionDriver> drivers = new ArrayList<>();
    for (int i = 0; i < receivers; i++) {
      BitSet seen = new BitSet(count);
      int[] distinct = {0};
      InetAddress local = Addresses.parse(receiver(i));
      SessionListener l = new SessionListener() {
        @Override
        public void established(Negotiated negotiated) {
          up.countDown();
        }

        @Override
        public void received(BgpMessage m) {
          if (!(m instanceof Update u)) return;
          u.attribute(MpReachNlri.class).ifPresent(r -> {
            for (Nlri x : r.nlri()) {
              if (x instanceof VpnPrefix p && !seen.get(index(p.address()))) {
                seen.set(index(p.address()));
                if (++distinct[0] == count) done.countDown();
              }
            }
          });
        }
      };
      drivers.add(session(local, sut, l));
    }
    if (!up.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("receivers not established");
    long[] start = new long[1];
    CountDownLatch feederUp = new CountDownLatch(1);
    SessionDriver[] feeder = new SessionDriver[1];
    feeder[0] = session(Addresses.parse("127.0.1.1"), sut, new SessionListener() {
      @Override
      public void established(Negotiated negotiated) {
        feederUp.countDown();
      }
    });
    drivers.add(feeder[0]);
    if (!feederUp.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("feeder not established");
    Thread.sleep(500);
    RouteTarget rt = RouteTarget.parse("65000:1");
    var opts = new io.weft.bgp.wire.WireOptions(true, true);
    var attrs = List.of(Origin.IGP, AsPath.EMPTY, new LocalPref(100), new ExtendedCommunities(List.of(rt)));
    InetAddress nh = Addresses.parse("192.0.2.1");
    RouteDistinguisher rd = RouteDistinguisher.parse("65000:1");
    start[0] = System.nanoTime();
    for (int from = 0; from < count; from += 10_000) {
      List<Route> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 10_000); i++) {
        chunk.add(new Route(Family.IPV4_VPN, new VpnPrefix(rd, 16 + (i & 0xffff), prefix(i)), nh, attrs));
      }
      for (Update u : UpdatePacker.announce(chunk, opts)) feeder[0].send(u);
    }
    if (!done.await(1800, TimeUnit.SECONDS)) {
      System.out.println("TIMEOUT after " + (System.nanoTime() - start[0]) / 1_000_000 + " ms; receivers done: "
          + (receivers - done.getCount()));
      System.exit(2);
    }
    System.out.println("converged_ms=" + (System.nanoTime() - start[0]) / 1_000_000);
    for (SessionDriver d : drivers) d.close();
    System.exit(0);
  }

  static SessionDriver session(InetAddress local, InetSocketAddress sut, SessionListener l) {
    SessionConfig sc = new SessionConfig(AS, (java.net.Inet4Address) local, AS, 90, List.of(Family.IPV4_VPN),
        GracefulRestartConfig.DISABLED, false, Duration.ofSeconds(1));
    SessionDriver d = new SessionDriver(new Fsm(sc), () -> TcpTransport.connect(local, sut, null, Duration.ofSeconds(5)),
        InstantSource.system(), l, local.getHostAddress());
    d.start();
    return d;
  }

  static IpPrefix prefix(int i) {
    return new IpPrefix(Addresses.of(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i}), 32);
  }

  static int index(byte[] a) {
    return ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
  }
}
