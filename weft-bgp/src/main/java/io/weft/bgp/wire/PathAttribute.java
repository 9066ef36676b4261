package io.weft.bgp.wire;

/**
 * A path attribute of an UPDATE, RFC 4271 §4.3 and §5:
 * <pre>
 * | flags (1): O T P E 0000 | type code (1) | length (1, or 2 when E) | value |
 * </pre>
 * O optional, T transitive, P partial, E extended length.
 */
public sealed interface PathAttribute
    permits Origin, AsPath, NextHop, MultiExitDisc, LocalPref, AtomicAggregate, Aggregator, Communities,
        OriginatorId, ClusterList, MpReachNlri, MpUnreachNlri, ExtendedCommunities, PmsiTunnel, UnknownAttribute {
  int FLAG_OPTIONAL = 0x80;
  int FLAG_TRANSITIVE = 0x40;
  int FLAG_PARTIAL = 0x20;
  int FLAG_EXTENDED_LENGTH = 0x10;

  int ORIGIN = 1;
  int AS_PATH = 2;
  int NEXT_HOP = 3;
  int MULTI_EXIT_DISC = 4;
  int LOCAL_PREF = 5;
  int ATOMIC_AGGREGATE = 6;
  int AGGREGATOR = 7;
  int COMMUNITIES = 8;
  int ORIGINATOR_ID = 9;
  int CLUSTER_LIST = 10;
  int MP_REACH_NLRI = 14;
  int MP_UNREACH_NLRI = 15;
  int EXTENDED_COMMUNITIES = 16;
  int PMSI_TUNNEL = 22;

  int typeCode();
}
