package io.weft.model.spec;

import io.weft.model.IpAddresses;
import io.weft.model.Kind;
import io.weft.model.Problems;
import io.weft.model.Reference;
import io.weft.model.ReferenceSyntax;
import io.weft.model.Spec;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A BGP speaker (cluster-wide): a Weft control node, another cluster's control node, or a
 * gateway router. Control nodes peer with every other control node (full mesh) unless
 * route reflection is configured, and with the routers listed in {@code peers}.
 * {@code authKey} is the TCP MD5 signature key (RFC 2385). {@code clusterId} makes this a
 * route reflector with that cluster id (RFC 4456).
 */
public record BgpRouterSpec(
    String address,
    Long asn,
    Integer port,
    BgpRouterType routerType,
    List<BgpFamily> families,
    Integer holdTime,
    String authKey,
    boolean routeReflectorClient,
    String clusterId,
    List<String> peers)
    implements Spec {

  public static final int DEFAULT_PORT = 179;
  public static final int DEFAULT_HOLD_TIME = 90; // RFC 4271 §10 suggests 90 seconds
  public static final int MAX_AUTH_KEY = 80; // RFC 2385 keys are at most 80 octets
  public static final long MAX_ASN = 4_294_967_295L; // RFC 6793 four-octet AS numbers
  public static final List<BgpFamily> DEFAULT_FAMILIES = List.of(BgpFamily.INET_VPN, BgpFamily.EVPN, BgpFamily.ROUTE_TARGET);

  public BgpRouterSpec {
    port = port == null ? DEFAULT_PORT : port;
    routerType = routerType == null ? BgpRouterType.ROUTER : routerType;
    families = families == null || families.isEmpty() ? DEFAULT_FAMILIES : Lists.copy(families);
    holdTime = holdTime == null ? DEFAULT_HOLD_TIME : holdTime;
    peers = Lists.copy(peers);
  }

  @Override
  public void validate(Problems problems) {
    if (problems.require("address", address) && !IpAddresses.isValid(address)) {
      problems.add("address", "'" + address + "' is not an IPv4 or IPv6 address");
    }
    if (problems.require("asn", asn) && (asn < 1 || asn > MAX_ASN)) problems.add("asn", asn + " is outside 1.." + MAX_ASN);
    if (port < 1 || port > PortRange.MAX_PORT) problems.add("port", port + " is outside 1.." + PortRange.MAX_PORT);
    Set<BgpFamily> seen = new HashSet<>();
    for (int i = 0; i < families.size(); i++) {
      BgpFamily f = families.get(i);
      if (f == null) problems.at("families").at(i).add("is required");
      else if (!seen.add(f)) problems.at("families").at(i).add("is listed twice");
    }
    // RFC 4271 §4.2: the hold time is zero or at least three seconds.
    if (holdTime != 0 && (holdTime < 3 || holdTime > 65535)) problems.add("holdTime", holdTime + " must be 0 or 3..65535");
    if (authKey != null && (authKey.isEmpty() || authKey.length() > MAX_AUTH_KEY)) {
      problems.add("authKey", "must be 1.." + MAX_AUTH_KEY + " characters");
    }
    if (clusterId != null && !(IpAddresses.isValid(clusterId) && IpAddresses.parse(clusterId) instanceof Inet4Address)) {
      problems.add("clusterId", "'" + clusterId + "' is not an IPv4 address");
    }
    ReferenceSyntax.checkAll(Kind.BGP_ROUTER, peers, problems.at("peers"));
  }

  @Override
  public List<Reference> references(String project) {
    List<Reference> refs = new ArrayList<>();
    ReferenceSyntax.addAll(refs, Kind.BGP_ROUTER, null, peers, "spec.peers");
    return refs;
  }
}
