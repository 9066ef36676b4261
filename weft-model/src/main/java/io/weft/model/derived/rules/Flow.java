package io.weft.model.derived.rules;

/**
 * The first packet of a flow, in its initiating direction: {@code src} opens towards
 * {@code dst}. Ports are 0 for protocols without ports (e.g. ICMP).
 */
public record Flow(Endpoint src, Endpoint dst, int protocol, int srcPort, int dstPort) {
  public Flow {
    if (src == null || dst == null) throw new IllegalArgumentException("both endpoints are required");
    if (protocol < 0 || protocol > 255) throw new IllegalArgumentException("protocol " + protocol + " is outside 0..255");
    if (srcPort < 0 || srcPort > PortSpan.MAX_PORT || dstPort < 0 || dstPort > PortSpan.MAX_PORT) {
      throw new IllegalArgumentException("ports must be within 0.." + PortSpan.MAX_PORT);
    }
  }
}
