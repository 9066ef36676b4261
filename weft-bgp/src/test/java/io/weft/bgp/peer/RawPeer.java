package io.weft.bgp.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bgp.session.GracefulRestartConfig;
import io.weft.bgp.session.OpenNegotiator;
import io.weft.bgp.session.SessionConfig;
import io.weft.bgp.wire.Addresses;
import io.weft.bgp.wire.BgpMessage;
import io.weft.bgp.wire.DecodeResult;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.Frame;
import io.weft.bgp.wire.Framing;
import io.weft.bgp.wire.Keepalive;
import io.weft.bgp.wire.MessageCodec;
import io.weft.bgp.wire.Open;
import io.weft.bgp.wire.WireOptions;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A neighbour played by hand on a raw socket: it does what a test says, reading or not. */
final class RawPeer {
  private RawPeer() {}

  /** OPEN both ways, then KEEPALIVE both ways (RFC 4271 §8.2.2): the speaker is Established. */
  static void handshake(SocketChannel ch, long as, String routerId, int holdTime, List<Family> families) throws IOException {
    SessionConfig c = new SessionConfig(as, Addresses.parseV4(routerId), as, holdTime, families, GracefulRestartConfig.DISABLED,
        false, Duration.ofSeconds(30));
    write(ch, OpenNegotiator.localOpen(c));
    assertThat(read(ch)).isInstanceOf(Open.class);
    write(ch, new Keepalive());
    assertThat(read(ch)).isInstanceOf(Keepalive.class);
  }

  static void write(SocketChannel ch, BgpMessage m) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(MessageCodec.encode(m, WireOptions.DEFAULT));
    while (b.hasRemaining()) ch.write(b);
  }

  static BgpMessage read(SocketChannel ch) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_LENGTH);
    fill(ch, header);
    header.flip();
    Framing.HeaderResult h = Framing.header(header);
    if (h.error() != null) throw new IOException("bad header: " + h.error());
    ByteBuffer whole = ByteBuffer.allocate(h.header().length());
    whole.put(header);
    fill(ch, whole);
    whole.flip();
    DecodeResult r = MessageCodec.decode(Framing.take(whole, h.header()), WireOptions.DEFAULT);
    if (!(r instanceof DecodeResult.Decoded d)) throw new IOException("undecodable: " + r);
    return d.message();
  }

  private static void fill(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) throw new EOFException();
    }
  }

  static void waitFor(BooleanSupplier ok) throws InterruptedException {
    waitFor(ok, Duration.ofSeconds(15), "condition");
  }

  /** Polls {@code ok} until it holds, failing after {@code limit}. */
  static void waitFor(BooleanSupplier ok, Duration limit, String what) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError(what + " not met within " + limit);
      Thread.sleep(20);
    }
  }
}
