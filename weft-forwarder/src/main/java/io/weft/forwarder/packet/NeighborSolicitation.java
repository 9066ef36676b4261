package io.weft.forwarder.packet;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Neighbor Solicitation (RFC 4861 §4.3) with its optional Source Link-Layer Address option (§4.6.1). */
public record NeighborSolicitation(Inet6Address target, Optional<MacAddress> sourceLinkLayer) {
  static final int OPTION_SOURCE_LL = 1;
  static final int OPTION_TARGET_LL = 2;

  public static Decoded<NeighborSolicitation> from(Icmpv6 message) {
    if (message.type() != Icmpv6.NEIGHBOR_SOLICITATION) return Decoded.malformed("nd", "type", 0, "type " + message.type());
    byte[] body = message.body();
    if (body.length < 20) return Decoded.malformed("nd", "target", 8, "truncated");
    ByteBuffer buf = ByteBuffer.wrap(body);
    return linkLayerOption(buf, OPTION_SOURCE_LL).map(ll ->
        (Decoded<NeighborSolicitation>) Decoded.ok(new NeighborSolicitation(Ipv6.address(buf, 4), ll)))
        .orElseGet(() -> Decoded.malformed("nd", "option", 24, "bad option length"));
  }

  public Icmpv6 toIcmpv6() {
    ByteBuffer buf = ByteBuffer.allocate(20 + (sourceLinkLayer.isPresent() ? 8 : 0));
    buf.put(4, target.getAddress());
    sourceLinkLayer.ifPresent(mac -> {
      buf.put(20, (byte) OPTION_SOURCE_LL).put(21, (byte) 1);
      MacAddress.write(buf, 22, mac.bits());
    });
    return new Icmpv6(Icmpv6.NEIGHBOR_SOLICITATION, 0, buf.array());
  }

  /** Finds a link-layer address option after the 20-byte fixed part; empty Optional inside = absent, outer empty = malformed. */
  static Optional<Optional<MacAddress>> linkLayerOption(ByteBuffer body, int wanted) {
    int at = 20;
    Optional<MacAddress> found = Optional.empty();
    while (at + 2 <= body.limit()) {
      int type = body.get(at) & 0xff;
      int len = (body.get(at + 1) & 0xff) * 8;
      if (len == 0 || at + len > body.limit()) return Optional.empty();
      if (type == wanted && len >= 8) found = Optional.of(new MacAddress(MacAddress.read(body, at + 2)));
      at += len;
    }
    return Optional.of(found);
  }
}
