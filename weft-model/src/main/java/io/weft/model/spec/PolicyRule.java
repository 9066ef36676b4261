package io.weft.model.spec;

import io.weft.model.Names;
import io.weft.model.Problems;
import io.weft.model.Reference;
import java.util.List;

/**
 * One rule of a network policy; the first matching rule decides. {@code applyService}
 * names the service instances a passed flow is steered through, in order (service
 * chaining, SYSTEM.md §6). Defaults: protocol any, direction {@code <>}, ports any.
 */
public record PolicyRule(
    PolicyAction action,
    boolean log,
    Mirror mirror,
    List<String> applyService,
    Protocol protocol,
    Direction direction,
    PolicyAddress source,
    PolicyAddress destination,
    List<PortRange> sourcePorts,
    List<PortRange> destinationPorts) implements RuleList.Rule {

  public PolicyRule {
    applyService = Lists.copy(applyService);
    protocol = protocol == null ? Protocol.ANY : protocol;
    direction = direction == null ? Direction.BOTH : direction;
    sourcePorts = sourcePorts == null || sourcePorts.isEmpty() ? List.of(PortRange.ANY) : Lists.copy(sourcePorts);
    destinationPorts = destinationPorts == null || destinationPorts.isEmpty() ? List.of(PortRange.ANY) : Lists.copy(destinationPorts);
  }

  @Override
  public void validate(Problems p) {
    p.require("action", action);
    if (direction == Direction.REVERSE) p.add("direction", "a network policy rule takes '>' or '<>'; swap source and destination for '<'");
    if (mirror != null) mirror.validate(p.at("mirror"));
    for (int i = 0; i < applyService.size(); i++) {
      String problem = Names.problem(applyService.get(i));
      if (problem != null) p.at("applyService").at(i).add(problem);
    }
    if (!applyService.isEmpty() && action == PolicyAction.DENY) p.add("applyService", "a denied flow cannot be steered through services");
    if (p.require("source", source)) source.validate(p.at("source"));
    if (p.require("destination", destination)) destination.validate(p.at("destination"));
    Ports.validate(sourcePorts, protocol, p.at("sourcePorts"));
    Ports.validate(destinationPorts, protocol, p.at("destinationPorts"));
  }

  @Override
  public void addReferences(List<Reference> out, String project, String field) {
    if (source != null) source.addReferences(out, project, field + ".source");
    if (destination != null) destination.addReferences(out, project, field + ".destination");
  }
}
