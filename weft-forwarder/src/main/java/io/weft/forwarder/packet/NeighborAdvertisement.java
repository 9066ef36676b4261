package io.weft.forwarder.packet;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Neighbor Advertisement (RFC 4861 §4.4) with flags R, S, O and the Target Link-Layer Address option. */
public record NeighborAdvertisement(boolean router, boolean solicited, boolean override, Inet6Address target,
    Optional<MacAddress> targetLinkLayer) {

  public static Decoded<NeighborAdvertisement> from(Icmpv6 message) {
    if (message.type() != Icmpv6.NEIGHBOR_ADVERTISEMENT) return Decoded.malformed("nd", "type", 0, "type " + message.type());
    byte[] body = message.body();
    if (body.length < 20) return Decoded.malformed("nd", "target", 8, "truncated");
    ByteBuffer buf = ByteBuffer.wrap(body);
    int flags = buf.get(0) & 0xff;
    return NeighborSolicitation.linkLayerOption(buf, NeighborSolicitation.OPTION_TARGET_LL).map(ll ->
        (Decoded<NeighborAdvertisement>) Decoded.ok(new NeighborAdvertisement((flags & 0x80) != 0, (flags & 0x40) != 0,
            (flags & 0x20) != 0, Ipv6.address(buf, 4), ll)))
        .orElseGet(() -> Decoded.malformed("nd", "option", 24, "bad option length"));
  }

  public Icmpv6 toIcmpv6() {
    ByteBuffer buf = ByteBuffer.allocate(20 + (targetLinkLayer.isPresent() ? 8 : 0));
    buf.put(0, (byte) ((router ? 0x80 : 0) | (solicited ? 0x40 : 0) | (override ? 0x20 : 0)));
    buf.put(4, target.getAddress());
    targetLinkLayer.ifPresent(mac -> {
      buf.put(20, (byte) NeighborSolicitation.OPTION_TARGET_LL).put(21, (byte) 1);
      MacAddress.write(buf, 22, mac.bits());
    });
    return new Icmpv6(Icmpv6.NEIGHBOR_ADVERTISEMENT, 0, buf.array());
  }
}
