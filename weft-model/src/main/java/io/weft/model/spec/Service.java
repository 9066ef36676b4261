package io.weft.model.spec;

import io.weft.model.Problems;
import java.util.List;

/** A protocol with destination and source ports, as firewall rules and service groups match them. */
public record Service(Protocol protocol, List<PortRange> destinationPorts, List<PortRange> sourcePorts) {
  public Service {
    protocol = protocol == null ? Protocol.ANY : protocol;
    destinationPorts = destinationPorts == null || destinationPorts.isEmpty() ? List.of(PortRange.ANY) : Lists.copy(destinationPorts);
    sourcePorts = sourcePorts == null || sourcePorts.isEmpty() ? List.of(PortRange.ANY) : Lists.copy(sourcePorts);
  }

  void validate(Problems p) {
    Ports.validate(destinationPorts, protocol, p.at("destinationPorts"));
    Ports.validate(sourcePorts, protocol, p.at("sourcePorts"));
  }
}
