package io.weft.bgp.wire;

/** A capability advertised in OPEN, RFC 5492 §4: | code (1) | length (1) | value |. */
public sealed interface Capability
    permits MultiprotocolCapability, RouteRefreshCapability, ExtendedNextHopCapability, GracefulRestartCapability,
        FourOctetAsCapability, UnknownCapability {
  int MULTIPROTOCOL = 1;
  int ROUTE_REFRESH = 2;
  int EXTENDED_NEXT_HOP = 5;
  int GRACEFUL_RESTART = 64;
  int FOUR_OCTET_AS = 65;

  int code();
}
