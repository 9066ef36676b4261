package io.weft.bgp.session;

import io.weft.bgp.wire.AsPath;
import io.weft.bgp.wire.Bytes;
import io.weft.bgp.wire.Capability;
import io.weft.bgp.wire.ErrorCode;
import io.weft.bgp.wire.ExtendedNextHopCapability;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FourOctetAsCapability;
import io.weft.bgp.wire.GracefulRestartCapability;
import io.weft.bgp.wire.MessageCodec;
import io.weft.bgp.wire.MultiprotocolCapability;
import io.weft.bgp.wire.Notification;
import io.weft.bgp.wire.Open;
import io.weft.bgp.wire.RouteRefreshCapability;
import io.weft.bgp.wire.WireOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The OPEN handshake (bgpcep's negotiator): builds our OPEN and checks the peer's per
 * RFC 4271 §6.2, handing the agreed {@link Negotiated} to the established session.
 */
public final class OpenNegotiator {
  private OpenNegotiator() {}

  /** The outcome of checking the peer's OPEN. */
  public sealed interface Outcome {
    record Accepted(Negotiated negotiated) implements Outcome {}

    record Rejected(Notification notification, String reason) implements Outcome {}
  }

  public static Open localOpen(SessionConfig c) {
    List<Capability> caps = new ArrayList<>();
    for (Family f : c.families()) caps.add(new MultiprotocolCapability(f));
    caps.add(new RouteRefreshCapability());
    caps.add(new FourOctetAsCapability(c.localAs()));
    if (c.families().contains(Family.IPV4_UNICAST) || c.families().contains(Family.IPV4_VPN)) {
      // RFC 8950: we accept IPv6 next hops for IPv4 routes.
      List<ExtendedNextHopCapability.Entry> e = new ArrayList<>();
      for (Family f : c.families()) {
        if (f.afi() == Family.AFI_IPV4 && (f.safi() == Family.SAFI_UNICAST || f.isVpn())) {
          e.add(new ExtendedNextHopCapability.Entry(f, Family.AFI_IPV6));
        }
      }
      caps.add(new ExtendedNextHopCapability(e));
    }
    GracefulRestartConfig gr = c.gracefulRestart();
    if (gr.enabled()) {
      caps.add(new GracefulRestartCapability(gr.restarting(), false, gr.restartTime(), c.families().stream()
          .map(f -> new GracefulRestartCapability.FamilyFlags(f, gr.forwardingPreserved())).toList()));
    }
    int as2 = c.localAs() > 0xffff ? AsPath.AS_TRANS : (int) c.localAs();
    return new Open(Open.VERSION, as2, c.holdTime(), c.routerId(), caps);
  }

  public static Outcome negotiate(SessionConfig c, Open peer) {
    if (peer.version() != Open.VERSION) {
      // RFC 4271 §6.2: data is the largest version we support, as 2 octets.
      return reject(ErrorCode.UNSUPPORTED_VERSION_NUMBER, Bytes.of((byte) 0, (byte) Open.VERSION),
          "version " + peer.version());
    }
    long peerAs = peer.effectiveAs();
    if (peerAs != c.peerAs()) {
      return reject(ErrorCode.BAD_PEER_AS, Bytes.EMPTY, "peer AS " + peerAs + ", expected " + c.peerAs());
    }
    byte[] id = peer.bgpId().getAddress();
    boolean zero = id[0] == 0 && id[1] == 0 && id[2] == 0 && id[3] == 0;
    // RFC 6286 §2.2: non-zero, and distinct from ours within an AS.
    if (zero || (c.internal() && peer.bgpId().equals(c.routerId()))) {
      return reject(ErrorCode.BAD_BGP_IDENTIFIER, Bytes.EMPTY, "BGP identifier " + peer.bgpId().getHostAddress());
    }
    if (peer.holdTime() == 1 || peer.holdTime() == 2) {
      return reject(ErrorCode.UNACCEPTABLE_HOLD_TIME, Bytes.EMPTY, "hold time " + peer.holdTime());
    }
    List<Family> offered = peer.multiprotocolFamilies();
    if (offered.isEmpty() && peer.capabilities().stream().noneMatch(x -> x instanceof MultiprotocolCapability)) {
      offered = List.of(Family.IPV4_UNICAST); // RFC 4760 §8: no capability means IPv4 unicast only
    }
    List<Family> common = new ArrayList<>(c.families());
    common.retainAll(offered);
    if (common.isEmpty()) {
      // RFC 5492 §5: the data lists the capabilities we needed and the peer lacks.
      Open ours = localOpen(c);
      byte[] enc = MessageCodec.encode(new Open(4, 0, 0, c.routerId(), ours.capabilities().stream()
          .filter(x -> x instanceof MultiprotocolCapability).toList()), WireOptions.DEFAULT);
      return reject(ErrorCode.UNSUPPORTED_CAPABILITY, Bytes.of(enc, 31, enc.length - 31),
          "no family in common: ours " + c.families() + ", peer's " + offered);
    }
    boolean four = peer.capability(FourOctetAsCapability.class).isPresent();
    boolean rr = peer.capability(RouteRefreshCapability.class).isPresent();
    List<Family> enh = peer.capability(ExtendedNextHopCapability.class)
        .map(e -> e.entries().stream().filter(x -> x.nextHopAfi() == Family.AFI_IPV6).map(ExtendedNextHopCapability.Entry::family)
            .filter(common::contains).toList())
        .orElse(List.of());
    int hold = Math.min(c.holdTime(), peer.holdTime());
    return new Outcome.Accepted(new Negotiated(peerAs, peer.bgpId(), hold, hold / 3, common, four, rr, enh,
        c.internal(), peer.capability(GracefulRestartCapability.class), c.gracefulRestart().enabled(), peer));
  }

  private static Outcome reject(int subcode, Bytes data, String reason) {
    return new Outcome.Rejected(new Notification(ErrorCode.OPEN_MESSAGE_ERROR, subcode, data), reason);
  }
}
