package io.weft.forwarder;

import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.pipeline.Adjacency;
import io.weft.forwarder.pipeline.Pipeline;
import io.weft.forwarder.pipeline.Port;
import io.weft.forwarder.pipeline.UnderlayTransport;
import io.weft.forwarder.port.MemoryPortBackend;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The forwarder pipeline alone, in process, on one thread: frame → parse → FIB longest
 * match → flow hit → MPLSoUDP encapsulation written in front of the frame, handed to an
 * underlay that only counts. Prints Mpps per core. Run by bench/dataplane/run; never a test.
 * Args: [seconds per case] [flows].
 */
public final class DataplaneBench {
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    int[] flowCounts = args.length > 1 ? new int[] {Integer.parseInt(args[1])} : new int[] {1, 1024, 65_536};
    long sink = 0;
    for (int flows : flowCounts) sink += run(flows, seconds);
    System.out.println("# (checksum " + sink + ")");
  }

  static final class CountingUnderlay implements UnderlayTransport {
    long packets;
    long bytes;

    @Override
    public Set<Encapsulation> supported() {
      return Set.of(Encapsulation.MPLS_UDP, Encapsulation.VXLAN);
    }

    @Override
    public void send(Adjacency.Tunnel t, ByteBuffer buf, int from, int to) {
      packets++;
      bytes += to - from + buf.get(from + 3); // read the label's TTL byte so the write is observed
    }

    @Override
    public void start(Pipeline pipeline) {}

    @Override
    public void close() {}
  }

  static long run(int flowCount, double seconds) throws Exception {
    CountingUnderlay u = new CountingUnderlay();
    MacAddress podMac = MacAddress.parse("02:00:00:00:00:0a");
    try (Forwarder fw = Forwarder.start(ForwarderConfig.defaults().withClock(System::nanoTime)
        .withPerPortFlowLimit(1 << 20), u)) {
      fw.addVrf("red");
      fw.addPort(new PortSpec("tap-a", podMac, "red", List.of(), true), new MemoryPortBackend());
      fw.addRoute("red", IpPrefix.parse("10.1.0.0/16"), new NextHop.Discard());
      fw.addRoute("red", IpPrefix.parse("0.0.0.0/0"), new NextHop.Discard());
      InetAddress remote = InetAddress.ofLiteral("127.0.1.2");
      for (int i = 0; i < 4096; i++) { // a VRF full of remote pods' /32 routes
        InetAddress a = InetAddress.ofLiteral("10.1." + (i >> 8) + "." + (i & 0xff));
        fw.addRoute("red", IpPrefix.host(a), new NextHop.Tunnel(remote, 5000 + i, 100, Set.of(Encapsulation.MPLS_UDP)));
      }
      int vrf = fw.vrfId("red").orElseThrow();
      List<byte[]> frames = new ArrayList<>();
      for (int f = 0; f < flowCount; f++) {
        String dst = "10.1." + ((f % 4096) >> 8) + "." + (f % 4096 & 0xff);
        int sport = 10_000 + f / 4096;
        byte[] frame = Frames.udp(MacAddress.GATEWAY, podMac, "10.2.0.1", dst, sport, 80, new byte[18]); // 64-byte frame
        frames.add(frame);
        fw.installFlow(FlowDecision.forward(FlowKey.of(vrf, 17, Frames.v4("10.2.0.1"), sport, Frames.v4(dst), 80), "bench"));
      }
      Pipeline p = fw.pipeline();
      Port port = fw.port("tap-a");
      Pipeline.Context c = p.newContext();
      ByteBuffer[] bufs = new ByteBuffer[Math.min(flowCount, 4096)];
      int[] lens = new int[bufs.length];
      byte[][] originals = new byte[bufs.length][];
      for (int i = 0; i < bufs.length; i++) {
        bufs[i] = ByteBuffer.allocateDirect(Pipeline.HEADROOM + 128);
        originals[i] = frames.get(i);
        lens[i] = originals[i].length;
      }
      int fi = 0;
      // Warm up, then measure; the frame is copied back each time as a port read would.
      long end = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < end) {
        for (int k = 0; k < 10_000; k++) {
          int i = fi++ % bufs.length;
          bufs[i].put(Pipeline.HEADROOM, framesAt(frames, originals, i, fi, flowCount));
          p.fromPort(c, port, bufs[i], Pipeline.HEADROOM, Pipeline.HEADROOM + lens[i]);
        }
      }
      long before = u.packets;
      long start = System.nanoTime();
      end = start + (long) (seconds * 1e9);
      long now;
      while ((now = System.nanoTime()) < end) {
        for (int k = 0; k < 10_000; k++) {
          int i = fi++ % bufs.length;
          bufs[i].put(Pipeline.HEADROOM, framesAt(frames, originals, i, fi, flowCount));
          p.fromPort(c, port, bufs[i], Pipeline.HEADROOM, Pipeline.HEADROOM + lens[i]);
        }
      }
      long sent = u.packets - before;
      double mpps = sent / ((now - start) / 1e9) / 1e6;
      CounterSnapshot drops = fw.counters();
      System.out.printf("pipeline  flows=%-6d  64B frame, L3 lookup (4098 routes) + flow hit + MPLSoUDP encap: %.2f Mpps/core"
          + "  (%d packets in %.1f s, drops %s)%n", flowCount, mpps, sent, (now - start) / 1e9, drops.drops());
      return u.bytes;
    }
  }

  private static byte[] framesAt(List<byte[]> frames, byte[][] originals, int i, int counter, int flowCount) {
    return flowCount <= originals.length ? originals[i] : frames.get(counter % flowCount);
  }
}
