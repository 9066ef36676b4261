package io.weft.forwarder.pipeline;

import io.weft.forwarder.DropReason;
import io.weft.forwarder.Encapsulation;
import io.weft.forwarder.FlowAction;
import io.weft.forwarder.FlowKey;
import io.weft.forwarder.FlowMiss;
import io.weft.forwarder.TrapReason;
import io.weft.forwarder.TrappedPacket;
import io.weft.forwarder.packet.Ethernet;
import io.weft.forwarder.packet.FrameView;
import io.weft.forwarder.packet.Gre;
import io.weft.forwarder.packet.Icmpv6;
import io.weft.forwarder.packet.Ipv4;
import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.packet.Mpls;
import io.weft.forwarder.packet.VirtioNetHeader;
import io.weft.forwarder.packet.Vxlan;
import io.weft.forwarder.table.FlowEntry;
import io.weft.forwarder.table.FlowTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The packet path, run to completion on the calling packet-loop thread:
 * <pre>
 *  port frame ─ parse ─┬─ ARP / ND / DHCP ──────────────────────────────► agent (trap)
 *                      ├─ dst MAC = gateway: FIB longest match in the port's VRF
 *                      └─ otherwise: MAC table of the VRF
 *                      ─ flow lookup (ingress or egress port policy-enabled)
 *                          miss: HOLD (≤3 packets) + FlowMiss to the agent; DROP: counted
 *                      ─ next hop: local port │ tunnel (MPLSoUDP, MPLSoGRE, VXLAN) │ ECMP
 *                                  (member kept by the flow) │ discard │ receive
 *  underlay datagram ─ label → port │ VNI → VRF ─ flow lookup ─ local port
 * </pre>
 * Frames sit in their buffer at an offset of at least {@link #HEADROOM}, so encapsulation
 * headers are written in place in front of them and nothing is copied on the forwarding
 * path. Nothing thrown escapes: every failure is a counted drop.
 *
 * <p>Offloads (SYSTEM.md §4): frames from TAPs may carry a virtio-net header; see {@link Offloads}.
 *
 * <p>Concurrency: any number of threads run it at once, each with its own {@link Context};
 * shared state is the tables (concurrent maps, the lock-free trie, volatile fields).
 */
public final class Pipeline {
  /** Space in front of every frame for the largest encapsulation header written in place. */
  public static final int HEADROOM = 64;
  public static final int MAX_FRAME = 65_536;
  /** A port loop's read buffer: a 64 KiB TSO segment plus its Ethernet and virtio-net headers. */
  public static final int PORT_BUFFER = HEADROOM + 2 * MAX_FRAME;
  private static final long GATEWAY = MacAddress.GATEWAY.bits();
  private static final int MPLS_TTL = 64;
  /** The flow-miss ingress name per encapsulation ("underlay:VXLAN"), built once rather than per packet. */
  private static final String[] UNDERLAY_INGRESS = new String[Encapsulation.values().length];

  static {
    for (Encapsulation e : Encapsulation.values()) UNDERLAY_INGRESS[e.ordinal()] = "underlay:" + e;
  }

  /** Where events for the agent go (the forwarder's bounded queue). */
  public interface Events {
    void flowMiss(FlowMiss miss);

    void trap(TrappedPacket packet);
  }

  /** Per-thread scratch state. */
  public static final class Context {
    final FrameView view = new FrameView();
    final FrameView segmentView = new FrameView();
    private ByteBuffer segments;

    ByteBuffer segmentBuffer() {
      if (segments == null) segments = ByteBuffer.allocateDirect(HEADROOM + MAX_FRAME);
      return segments;
    }
  }

  /** What an MPLS label delivers to: a port, with a bare IP (L3) or an Ethernet (L2) payload. */
  public record LabelTarget(Port port, boolean l3) {}

  private final FlowTable flows;
  private final ConcurrentHashMap<Integer, LabelTarget> labels;
  private final ConcurrentHashMap<Integer, Vrf> vnis;
  private final Function<String, Port> portsByName;
  private final Events events;
  private final LongSupplier clock;
  private final Counters global;
  private final Counters underlayCounters;
  private final int portMtu;
  private volatile UnderlayTransport underlay;

  /** {@code portMtu}: the workloads' MTU, which sizes the segments of large TCP packets from the tunnel. */
  public Pipeline(FlowTable flows, ConcurrentHashMap<Integer, LabelTarget> labels, ConcurrentHashMap<Integer, Vrf> vnis,
      Function<String, Port> portsByName, Events events, LongSupplier clock, Counters global, Counters underlayCounters,
      int portMtu) {
    this.portMtu = portMtu;
    this.flows = flows;
    this.labels = labels;
    this.vnis = vnis;
    this.portsByName = portsByName;
    this.events = events;
    this.clock = clock;
    this.global = global;
    this.underlayCounters = underlayCounters;
  }

  public void underlay(UnderlayTransport underlay) {
    this.underlay = underlay;
  }

  public Context newContext() {
    return new Context();
  }

  /** A frame from a port, at {@code [start, end)} of {@code buf} with start ≥ HEADROOM. */
  public void fromPort(Context c, Port in, ByteBuffer buf, int start, int end) {
    fromPort(c, in, buf, start, end, VirtioNetHeader.NONE);
  }

  /** A frame from a port with the virtio-net header the TAP gave it (offsets relative to {@code start}). */
  public void fromPort(Context c, Port in, ByteBuffer buf, int start, int end, VirtioNetHeader vh) {
    try {
      port(c, in, buf, start, end, vh);
    } catch (RuntimeException e) { // a bug must cost one packet, never the loop
      drop(in.counters, null, DropReason.MALFORMED);
    }
  }

  /** A datagram from the underlay (MPLSoGRE: including its IPv4 header), at {@code [start, end)}. */
  public void fromUnderlay(Context c, Encapsulation encapsulation, ByteBuffer buf, int start, int end) {
    try {
      underlay(c, encapsulation, buf, start, end);
    } catch (RuntimeException e) {
      drop(underlayCounters, null, DropReason.MALFORMED);
    }
  }

  private void port(Context c, Port in, ByteBuffer buf, int start, int end, VirtioNetHeader vh) {
    int len = end - start;
    in.counters.rx(len);
    FrameView f = c.view;
    if (f.parseEthernet(buf, start, end) != FrameView.OK) {
      drop(in.counters, null, DropReason.MALFORMED);
      return;
    }
    Vrf vrf = in.vrf();
    if (vrf == null) {
      drop(in.counters, null, DropReason.NO_VRF);
      return;
    }
    vrf.counters.rx(len);
    TrapReason trap = trapReason(f);
    if (trap != null) {
      if (vh.needsChecksum()) Offloads.complete(f, vh);
      trap(trap, in.name(), vrf, buf, start, end);
      return;
    }
    boolean routed = f.dstMac == GATEWAY;
    Adjacency adj;
    if (routed) {
      if (f.ipVersion == 0) {
        drop(in.counters, vrf, DropReason.UNSUPPORTED);
        return;
      }
      adj = vrf.fib.lookup(f.dstHi, f.dstLo);
      if (adj == null) {
        drop(in.counters, vrf, DropReason.NO_ROUTE);
        return;
      }
    } else {
      adj = vrf.macs.get(f.dstMac);
      if (adj == null) {
        drop(in.counters, vrf, (f.dstMac & 0x0100_0000_0000L) != 0 ? DropReason.FLOOD : DropReason.L2_MISS);
        return;
      }
    }
    FlowEntry flow = null;
    if (f.ipVersion != 0 && (in.policyEnabled() || policyAt(adj))) {
      flow = flowStage(vrf, f, in.name(), in.counters, buf, start, end, vh);
      if (flow == null) return;
    }
    deliver(c, vrf, adj, routed, f, flow, in.counters, vh);
  }

  private static TrapReason trapReason(FrameView f) {
    if (f.etherType == Ethernet.ETHERTYPE_ARP) return TrapReason.ARP;
    if (f.ipVersion == 6 && f.protocol == Ipv4.PROTO_ICMPV6 && f.icmpType >= Icmpv6.ROUTER_SOLICITATION
        && f.icmpType <= Icmpv6.NEIGHBOR_ADVERTISEMENT) return TrapReason.NEIGHBOR_DISCOVERY;
    if (f.protocol == Ipv4.PROTO_UDP && (f.ipVersion == 4 && f.dstPort == 67 || f.ipVersion == 6 && f.dstPort == 547))
      return TrapReason.DHCP;
    return null;
  }

  private static boolean policyAt(Adjacency adj) {
    return adj instanceof Adjacency.Local l && l.port().policyEnabled();
  }

  /**
   * Looks the packet's flow up. Returns the entry to forward with, or null when the packet
   * was held (miss) or dropped. {@code [oStart, oEnd)} is what to hold: the bytes that
   * re-enter the pipeline unchanged once the agent decides.
   */
  private FlowEntry flowStage(Vrf vrf, FrameView f, String ingress, Counters in, ByteBuffer buf, int oStart, int oEnd,
      VirtioNetHeader vh) {
    FlowKey key = new FlowKey(vrf.id(), f.protocol, f.srcHi, f.srcLo, f.dstHi, f.dstLo, f.srcPort, f.dstPort);
    long now = clock.getAsLong();
    FlowEntry e = flows.get(key);
    if (e == null) {
      e = flows.miss(key, ingress, now);
      if (e == null) {
        drop(in, vrf, DropReason.FLOW_LIMIT);
        return null;
      }
    }
    int len = f.length();
    if (e.action() == FlowAction.HOLD) {
      if (vh.needsChecksum()) Offloads.complete(f, vh); // the held copy replays without its header
      byte[] copy = copy(buf, oStart, oEnd);
      int place = e.hold(copy);
      if (place == 0) {
        byte[] inner = oStart == f.start && oEnd == f.end ? copy : copy(buf, f.start, f.end);
        events.flowMiss(new FlowMiss(key, vrf.name(), ingress, inner));
      }
      if (place >= 0) return null;
      if (e.action() == FlowAction.HOLD) {
        drop(in, vrf, DropReason.HOLD_QUEUE_FULL);
        return null;
      }
    }
    e.hit(len, now);
    if (e.action() == FlowAction.DROP) {
      drop(in, vrf, DropReason.FLOW_ACTION_DROP);
      return null;
    }
    if (f.protocol == Ipv4.PROTO_TCP && (f.tcpFlags & 0x05) != 0) e.tcpFlags(f.tcpFlags);
    return e;
  }

  private void deliver(Context c, Vrf vrf, Adjacency adj, boolean routed, FrameView f, FlowEntry flow, Counters in,
      VirtioNetHeader vh) {
    if (flow != null && flow.mirrorPort() != null) mirror(c, flow.mirrorPort(), f, vh);
    if (adj instanceof Adjacency.Ecmp ecmp) {
      adj = member(ecmp, f, flow);
      if (adj == null) {
        drop(in, vrf, DropReason.NO_ROUTE);
        return;
      }
    }
    switch (adj) {
      case Adjacency.Local l -> toPort(c, l.port(), routed, f, in, vrf, vh);
      case Adjacency.Tunnel t -> encapsulate(c, t, routed, f, in, vrf, vh);
      case Adjacency.Discard d -> drop(in, vrf, DropReason.DISCARD);
      case Adjacency.Receive r -> {
        if (vh.needsChecksum()) Offloads.complete(f, vh); // the agent's DNS and ICMP see whole packets
        trap(TrapReason.RECEIVE, "", vrf, f.buf, f.start, f.end);
      }
      case Adjacency.Ecmp e -> drop(in, vrf, DropReason.UNSUPPORTED);
    }
  }

  /**
   * The flow's member if it has one still valid, else one picked by hashing the 5-tuple and
   * remembered in the flow, so members appended later never move an existing flow.
   */
  private static Adjacency member(Adjacency.Ecmp ecmp, FrameView f, FlowEntry flow) {
    Adjacency[] m = ecmp.members();
    if (ecmp.active() == 0) return null;
    if (flow != null) {
      int i = flow.ecmpIndex();
      if (i >= 0 && i < m.length && m[i] != null) return m[i];
    }
    long a = f.srcLo ^ f.dstLo ^ f.srcHi ^ f.dstHi;
    int h = ((int) a ^ (int) (a >>> 32) ^ f.protocol) * 0x9E3779B1 + (f.srcPort << 16 | f.dstPort);
    h ^= h >>> 16; // murmur3 fmix32: every input bit reaches the low bits the modulo uses
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    int pick = Math.floorMod(h, ecmp.active());
    for (int i = 0; i < m.length; i++) {
      if (m[i] != null && pick-- == 0) {
        if (flow != null) flow.ecmpIndex(i);
        return m[i];
      }
    }
    return null;
  }

  private void toPort(Context c, Port out, boolean routed, FrameView f, Counters in, Vrf vrf, VirtioNetHeader vh) {
    if (out.vrf() == null) {
      drop(in, vrf, DropReason.PORT_DOWN);
      return;
    }
    int header = out.backend().vnetHeaderLength();
    if (header == 0 && vh.gso()) {
      segment(c, f, vh.gsoSize(), s -> toPort(c, out, routed, s, in, vrf, VirtioNetHeader.NONE), in, vrf);
      return;
    }
    if (header == 0 && vh.needsChecksum()) Offloads.complete(f, vh);
    ByteBuffer buf = f.buf;
    int from = f.start;
    int to = f.end;
    if (routed) { // rewrite L2 in place: the gateway routes to the workload's MAC; any VLAN tag goes
      from = f.l3 - Ethernet.HEADER_LENGTH;
      to = f.l3 + f.ipTotalLength;
      MacAddress.write(buf, from, out.mac());
      MacAddress.write(buf, from + 6, GATEWAY);
      buf.putShort(from + 12, (short) f.etherType);
    }
    if (header > 0) vh.shifted(f.start - from).encode(buf, from - header);
    send(out, buf, from - header, to, in, vrf);
  }

  /** Sends {@code [from, to)}, which starts with the port's virtio-net header if it takes one. */
  private void send(Port out, ByteBuffer buf, int from, int to, Counters in, Vrf vrf) {
    try {
      out.backend().send(window(buf, from, to));
      int len = to - from - out.backend().vnetHeaderLength();
      out.counters.tx(len);
      if (vrf != null) vrf.counters.tx(len);
    } catch (IOException | RuntimeException e) {
      drop(in, vrf, DropReason.SEND_FAILED);
    }
  }

  private void encapsulate(Context c, Adjacency.Tunnel t, boolean routed, FrameView f, Counters in, Vrf vrf,
      VirtioNetHeader vh) {
    UnderlayTransport u = underlay;
    if (u == null) {
      drop(in, vrf, DropReason.NO_ENCAPSULATION);
      return;
    }
    if (vh.gso()) {
      boolean l3 = routed && t.encapsulation() != Encapsulation.VXLAN;
      int overhead = t.encapsulation() == Encapsulation.MPLS_UDP ? Mpls.ENTRY : Vxlan.HEADER;
      int length = overhead + (l3 ? f.ipTotalLength : f.end - f.start);
      int thl = TcpSegmenter.tcpHeaderLength(f);
      if (length > u.maxDatagram() && thl > 0) {
        int headers = overhead + f.l4 + thl - (l3 ? f.l3 : f.start);
        int mss = vh.gsoSize();
        int room = u.maxDatagram() - headers; // below one MSS (a workload MTU too large for the underlay): smaller segments
        int chunk = room >= mss ? room / mss * mss : room;
        segment(c, f, chunk, s -> encapsulate(c, t, routed, s, in, vrf, VirtioNetHeader.NONE), in, vrf);
        return;
      }
    }
    // A TSO segment carried whole stays partial: it is larger than any workload MTU, so only a
    // GSO-aware receiver (a Weft forwarder, Offloads.received) can take it, and that one rewrites
    // the field to the pseudo-header sum anyway; summing 64 KiB here was most of the sender's CPU.
    if (vh.needsChecksum() && !vh.gso()) Offloads.complete(f, vh);
    ByteBuffer buf = f.buf;
    int from;
    int to;
    switch (t.encapsulation()) {
      case MPLS_UDP -> {
        from = (routed ? f.l3 : f.start) - Mpls.ENTRY;
        to = routed ? f.l3 + f.ipTotalLength : f.end;
        Mpls.writeEntry(buf, from, t.label(), MPLS_TTL);
      }
      case MPLS_GRE -> {
        from = (routed ? f.l3 : f.start) - Mpls.ENTRY - Gre.BASE_HEADER;
        to = routed ? f.l3 + f.ipTotalLength : f.end;
        buf.putShort(from, (short) 0).putShort(from + 2, (short) Ethernet.ETHERTYPE_MPLS);
        Mpls.writeEntry(buf, from + Gre.BASE_HEADER, t.label(), MPLS_TTL);
      }
      case VXLAN -> {
        from = f.start - Vxlan.HEADER;
        to = f.end;
        Vxlan.writeHeader(buf, from, t.vni());
      }
      default -> throw new IllegalStateException();
    }
    if (from < 0) {
      drop(in, vrf, DropReason.UNSUPPORTED);
      return;
    }
    try {
      u.send(t, buf, from, to);
      underlayCounters.tx(to - from);
      if (vrf != null) vrf.counters.tx(to - from);
    } catch (IOException | RuntimeException e) {
      drop(in, vrf, DropReason.SEND_FAILED);
    }
  }

  private void underlay(Context c, Encapsulation encapsulation, ByteBuffer buf, int start, int end) {
    underlayCounters.rx(end - start);
    switch (encapsulation) {
      case MPLS_UDP -> mpls(c, encapsulation, buf, start, start, end);
      case MPLS_GRE -> {
        if (end - start < Ipv4.MIN_HEADER) {
          drop(underlayCounters, null, DropReason.MALFORMED);
          return;
        }
        int gre = start + (buf.get(start) & 0xf) * 4;
        if (end - gre < Gre.BASE_HEADER) {
          drop(underlayCounters, null, DropReason.MALFORMED);
          return;
        }
        int flags = buf.getShort(gre) & 0xffff;
        if ((buf.getShort(gre + 2) & 0xffff) != Ethernet.ETHERTYPE_MPLS || (flags & 7) != 0) {
          drop(underlayCounters, null, DropReason.UNSUPPORTED);
          return;
        }
        int at = gre + Gre.BASE_HEADER + Integer.bitCount(flags & 0xb000) * 4;
        mpls(c, encapsulation, buf, at, start, end);
      }
      case VXLAN -> vxlan(c, buf, start, end);
    }
  }

  private void mpls(Context c, Encapsulation enc, ByteBuffer buf, int at, int oStart, int end) {
    if (end - at < Mpls.ENTRY) {
      drop(underlayCounters, null, DropReason.MALFORMED);
      return;
    }
    int word = buf.getInt(at);
    if ((word & 0x100) == 0) { // one label is what the vRouter pushes; stacks are not ours to pop
      drop(underlayCounters, null, DropReason.UNSUPPORTED);
      return;
    }
    LabelTarget target = labels.get(word >>> 12);
    if (target == null) {
      drop(underlayCounters, null, DropReason.NO_LABEL);
      return;
    }
    Port out = target.port();
    Vrf vrf = out.vrf();
    if (vrf == null) {
      drop(underlayCounters, null, DropReason.NO_VRF);
      return;
    }
    FrameView f = c.view;
    int r = target.l3() ? f.parseIp(buf, at + Mpls.ENTRY, end) : f.parseEthernet(buf, at + Mpls.ENTRY, end);
    if (r != FrameView.OK) {
      drop(underlayCounters, vrf, DropReason.MALFORMED);
      return;
    }
    vrf.counters.rx(end - oStart);
    FlowEntry flow = null;
    if (f.ipVersion != 0 && out.policyEnabled()) {
      flow = flowStage(vrf, f, UNDERLAY_INGRESS[enc.ordinal()], underlayCounters, buf, oStart, end, VirtioNetHeader.NONE);
      if (flow == null) return;
    }
    VirtioNetHeader vh = Offloads.received(f, portMtu);
    if (flow != null && flow.mirrorPort() != null) mirror(c, flow.mirrorPort(), f, vh);
    toPort(c, out, target.l3(), f, underlayCounters, vrf, vh);
  }

  private void vxlan(Context c, ByteBuffer buf, int start, int end) {
    if (end - start < Vxlan.HEADER || (buf.get(start) & Vxlan.FLAG_I) == 0) {
      drop(underlayCounters, null, DropReason.MALFORMED);
      return;
    }
    Vrf vrf = vnis.get(buf.getInt(start + 4) >>> 8);
    if (vrf == null) {
      drop(underlayCounters, null, DropReason.NO_VNI);
      return;
    }
    FrameView f = c.view;
    if (f.parseEthernet(buf, start + Vxlan.HEADER, end) != FrameView.OK) {
      drop(underlayCounters, vrf, DropReason.MALFORMED);
      return;
    }
    vrf.counters.rx(end - start);
    boolean routed = f.dstMac == GATEWAY;
    Adjacency adj = routed ? (f.ipVersion == 0 ? null : vrf.fib.lookup(f.dstHi, f.dstLo)) : vrf.macs.get(f.dstMac);
    if (adj instanceof Adjacency.Ecmp ecmp) adj = member(ecmp, f, null);
    if (!(adj instanceof Adjacency.Local local)) { // never back onto the underlay
      drop(underlayCounters, vrf, adj == null ? DropReason.NO_ROUTE : DropReason.UNSUPPORTED);
      return;
    }
    FlowEntry flow = null;
    if (f.ipVersion != 0 && local.port().policyEnabled()) {
      flow = flowStage(vrf, f, UNDERLAY_INGRESS[Encapsulation.VXLAN.ordinal()], underlayCounters, buf, start, end, VirtioNetHeader.NONE);
      if (flow == null) return;
    }
    VirtioNetHeader vh = Offloads.received(f, portMtu);
    if (flow != null && flow.mirrorPort() != null) mirror(c, flow.mirrorPort(), f, vh);
    toPort(c, local.port(), routed, f, underlayCounters, vrf, vh);
  }

  private void mirror(Context c, String portName, FrameView f, VirtioNetHeader vh) {
    Port p = portsByName.apply(portName);
    if (p == null) return;
    // A copy, so the original frame is untouched for its own delivery; rare enough to allocate.
    ByteBuffer copy = ByteBuffer.allocateDirect(HEADROOM + f.end - f.start);
    copy.put(HEADROOM, f.buf, f.start, f.end - f.start);
    FrameView m = new FrameView();
    int r = f.l3 == f.start ? m.parseIp(copy, HEADROOM, copy.capacity()) : m.parseEthernet(copy, HEADROOM, copy.capacity());
    if (r != FrameView.OK) return;
    toPort(c, p, false, m, global, null, vh);
  }

  private void segment(Context c, FrameView f, int maxPayload, TcpSegmenter.Sink sink, Counters in, Vrf vrf) {
    if (TcpSegmenter.segment(f, maxPayload, c.segmentBuffer(), HEADROOM, c.segmentView, sink) < 0) {
      drop(in, vrf, DropReason.MALFORMED);
    }
  }

  private void trap(TrapReason reason, String port, Vrf vrf, ByteBuffer buf, int start, int end) {
    events.trap(new TrappedPacket(reason, port, vrf.name(), copy(buf, start, end)));
  }

  private void drop(Counters in, Vrf vrf, DropReason reason) {
    global.drop(reason);
    if (in != null && in != global) in.drop(reason);
    if (vrf != null) vrf.counters.drop(reason);
  }

  private static ByteBuffer window(ByteBuffer buf, int from, int to) {
    buf.limit(buf.capacity());
    buf.position(from);
    buf.limit(to);
    return buf;
  }

  static byte[] copy(ByteBuffer buf, int from, int to) {
    byte[] b = new byte[to - from];
    buf.get(from, b);
    return b;
  }
}
