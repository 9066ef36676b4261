package io.weft.model.spec;

import io.weft.model.Problems;
import java.util.List;

/** Checks shared by every rule that carries port ranges. */
final class Ports {
  private Ports() {}

  /** Null ranges are required; ranges other than "any" need a protocol with ports. */
  static void validate(List<PortRange> ranges, Protocol protocol, Problems p) {
    for (int i = 0; i < ranges.size(); i++) {
      PortRange r = ranges.get(i);
      if (r == null) p.at(i).add("is required");
      else if (!r.isAny() && !protocol.hasPorts()) p.at(i).add("protocol " + protocol + " has no ports; use any or leave ports out");
    }
  }
}
