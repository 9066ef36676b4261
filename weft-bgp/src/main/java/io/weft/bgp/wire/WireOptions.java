package io.weft.bgp.wire;

/**
 * Facts negotiated for one session that change how bytes are read or written
 * (as GoBGP's MarshallingOption): whether both sides announced the 4-octet AS capability
 * (RFC 6793: AS_PATH and AGGREGATOR carry 4-octet numbers) and whether the peer is
 * internal (RFC 7606 §7.5/§7.9/§7.10: LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST from an
 * external peer are discarded; LOCAL_PREF is mandatory from an internal one).
 */
public record WireOptions(boolean fourOctetAs, boolean internalPeer) {
  /** Before OPEN exchange, and for tests: 4-octet AS, internal peer. */
  public static final WireOptions DEFAULT = new WireOptions(true, true);
}
