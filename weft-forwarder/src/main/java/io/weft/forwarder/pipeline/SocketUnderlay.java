package io.weft.forwarder.pipeline;

import io.weft.forwarder.Encapsulation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's underlay on real sockets: MPLSoUDP and VXLAN on UDP sockets bound to the
 * underlay address (ports 6635 and 4789 by default), and MPLSoGRE on a raw IP socket
 * (protocol 47) when one can be opened. One platform receive thread per socket; closing a
 * socket wakes its thread, which then exits.
 *
 * <p>The UDP source port is the bound port, not a per-flow hash as RFC 7510 §3 suggests for
 * entropy: a bound channel has one port. ECMP in the underlay therefore sees one flow per
 * host pair.
 */
public final class SocketUnderlay implements UnderlayTransport {
  private static final Logger log = LoggerFactory.getLogger(SocketUnderlay.class);
  private final InetAddress local;
  private final DatagramChannel mplsUdp;
  private final DatagramChannel vxlan;
  private final Optional<RawGreSocket> gre;
  private final int mplsUdpPort;
  private final int vxlanPort;
  private final int maxDatagram;
  private final List<Thread> threads = new ArrayList<>();

  /** {@code mtu}: the underlay's IP MTU, which bounds what one datagram carries. */
  public SocketUnderlay(InetAddress local, int mplsUdpPort, int vxlanPort, boolean tryGre, int mtu) throws IOException {
    this.local = local;
    this.maxDatagram = Math.min(65_507, mtu - (local instanceof java.net.Inet6Address ? 48 : 28));
    this.mplsUdpPort = mplsUdpPort;
    this.vxlanPort = vxlanPort;
    this.mplsUdp = open(local, mplsUdpPort);
    try {
      this.vxlan = open(local, vxlanPort);
    } catch (IOException e) {
      mplsUdp.close();
      throw e;
    }
    Optional<RawGreSocket> g = Optional.empty();
    if (tryGre) {
      try {
        g = Optional.of(RawGreSocket.open(local));
      } catch (IOException | RuntimeException e) {
        log.info("MPLSoGRE unavailable on {}: {}", local.getHostAddress(), e.getMessage());
      }
    }
    this.gre = g;
  }

  private static DatagramChannel open(InetAddress local, int port) throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
    ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
    ch.bind(new InetSocketAddress(local, port));
    return ch;
  }

  /** The target socket address for a remote host and encapsulation. */
  public InetSocketAddress target(InetAddress remote, Encapsulation e) {
    return new InetSocketAddress(remote, e == Encapsulation.VXLAN ? vxlanPort : mplsUdpPort);
  }

  @Override
  public Set<Encapsulation> supported() {
    Set<Encapsulation> s = EnumSet.of(Encapsulation.MPLS_UDP, Encapsulation.VXLAN);
    if (gre.isPresent()) s.add(Encapsulation.MPLS_GRE);
    return s;
  }

  @Override
  public int maxDatagram() {
    return maxDatagram;
  }

  @Override
  public void send(Adjacency.Tunnel t, ByteBuffer buf, int from, int to) throws IOException {
    buf.limit(buf.capacity()).position(from).limit(to);
    switch (t.encapsulation()) {
      case MPLS_UDP -> mplsUdp.send(buf, t.udpTarget());
      case VXLAN -> vxlan.send(buf, t.udpTarget());
      case MPLS_GRE -> gre.orElseThrow(() -> new IOException("no GRE socket")).send(t.remote(), buf);
    }
  }

  @Override
  public synchronized void start(Pipeline pipeline) {
    threads.add(udpLoop(pipeline, mplsUdp, Encapsulation.MPLS_UDP));
    threads.add(udpLoop(pipeline, vxlan, Encapsulation.VXLAN));
    gre.ifPresent(g -> threads.add(Thread.ofPlatform().name("underlay-gre-" + local.getHostAddress()).daemon().start(() -> {
      Pipeline.Context c = pipeline.newContext();
      ByteBuffer buf = ByteBuffer.allocateDirect(Pipeline.HEADROOM + Pipeline.MAX_FRAME);
      while (true) {
        int n = g.receive(buf, Pipeline.HEADROOM, 200);
        if (n < 0) return;
        if (n > 0) pipeline.fromUnderlay(c, Encapsulation.MPLS_GRE, buf, Pipeline.HEADROOM, Pipeline.HEADROOM + n);
      }
    })));
  }

  private Thread udpLoop(Pipeline pipeline, DatagramChannel ch, Encapsulation e) {
    return Thread.ofPlatform().name("underlay-" + e + "-" + local.getHostAddress()).daemon().start(() -> {
      Pipeline.Context c = pipeline.newContext();
      ByteBuffer buf = ByteBuffer.allocateDirect(Pipeline.HEADROOM + Pipeline.MAX_FRAME);
      while (true) {
        buf.limit(buf.capacity()).position(Pipeline.HEADROOM);
        try {
          if (ch.receive(buf) == null) continue;
        } catch (ClosedChannelException closed) {
          return;
        } catch (IOException ex) {
          if (!ch.isOpen()) return;
          continue;
        }
        pipeline.fromUnderlay(c, e, buf, Pipeline.HEADROOM, buf.position());
      }
    });
  }

  @Override
  public synchronized void close() {
    try {
      mplsUdp.close();
      vxlan.close();
    } catch (IOException e) {
      log.debug("closing underlay sockets", e);
    }
    gre.ifPresent(RawGreSocket::close);
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
