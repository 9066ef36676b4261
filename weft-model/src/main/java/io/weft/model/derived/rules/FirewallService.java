package io.weft.model.derived.rules;

import java.util.List;

/**
 * A service a firewall rule matches (TF FirewallServiceType): protocol and the flow's source
 * and destination ports (empty = any). ServiceGroups are expanded into several of these.
 */
public record FirewallService(int protocol, List<PortSpan> srcPorts, List<PortSpan> dstPorts) {
  public static final FirewallService ANY = new FirewallService(Protocols.ANY, List.of(), List.of());

  public FirewallService {
    Protocols.check(protocol);
    srcPorts = srcPorts == null ? List.of() : List.copyOf(srcPorts);
    dstPorts = dstPorts == null ? List.of() : List.copyOf(dstPorts);
  }

  public static FirewallService of(int protocol, PortSpan... dstPorts) {
    return new FirewallService(protocol, List.of(), List.of(dstPorts));
  }
}
