package io.weft.policy;

import io.weft.model.Cidr;
import io.weft.model.IpAddresses;
import io.weft.model.derived.rules.Endpoint;
import io.weft.model.derived.rules.EndpointMatch;
import io.weft.model.derived.rules.PortSpan;
import io.weft.model.derived.rules.Protocols;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The match primitives shared by the three kinds. Stateless apart from a parse cache. */
final class Matching {
  // Compiled rules repeat the same few prefixes; parsing them once keeps per-flow cost flat.
  // Bounded by the prefixes present in compiled rules, which the compiler bounds.
  private static final ConcurrentHashMap<String, Cidr> CIDRS = new ConcurrentHashMap<>();

  private Matching() {}

  static boolean protocol(int ruleProtocol, int flowProtocol) {
    return ruleProtocol == Protocols.ANY || ruleProtocol == flowProtocol;
  }

  /** An empty list matches every port. */
  static boolean ports(List<PortSpan> spans, int port) {
    if (spans.isEmpty()) return true;
    for (PortSpan s : spans) if (s.contains(port)) return true;
    return false;
  }

  static boolean anyEndpoint(List<EndpointMatch> matches, Endpoint e) {
    for (EndpointMatch m : matches) if (endpoint(m, e)) return true;
    return false;
  }

  static boolean endpoint(EndpointMatch m, Endpoint e) {
    return switch (m.type()) {
      case ANY -> true;
      case NETWORK -> m.network().equals(e.network());
      case CIDR, ADDRESS_GROUP -> inAny(m.cidrs(), e.address());
      case SECURITY_GROUP -> e.securityGroups().contains(m.name());
      case TAGS -> e.tags().containsAll(m.tags());
    };
  }

  /**
   * matchTags: for each tag type, both ends carry it and with the same values. An end
   * without the type does not match, so untagged workloads never pair up by accident.
   */
  static boolean sharedTags(List<String> tagTypes, Endpoint a, Endpoint b) {
    for (String type : tagTypes) {
      Set<String> va = valuesOf(type, a);
      if (va.isEmpty() || !va.equals(valuesOf(type, b))) return false;
    }
    return true;
  }

  private static Set<String> valuesOf(String type, Endpoint e) {
    String prefix = type + "=";
    return e.tags().stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).collect(Collectors.toSet());
  }

  static boolean isIpv6(Endpoint e) {
    return e.address().indexOf(':') >= 0;
  }

  private static boolean inAny(List<String> cidrs, String address) {
    InetAddress a = IpAddresses.parse(address);
    for (String c : cidrs) if (CIDRS.computeIfAbsent(c, Cidr::parse).contains(a)) return true;
    return false;
  }
}
