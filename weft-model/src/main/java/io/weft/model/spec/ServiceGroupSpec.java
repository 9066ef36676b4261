package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Spec;
import java.util.List;

/** A named set of services (protocol and ports) that firewall rules match as one. */
public record ServiceGroupSpec(List<Service> services) implements Spec {
  public ServiceGroupSpec {
    services = Lists.copy(services);
  }

  @Override
  public void validate(Problems problems) {
    if (services.isEmpty()) problems.add("services", "needs at least one service");
    for (int i = 0; i < services.size(); i++) {
      Service s = services.get(i);
      if (s == null) problems.at("services").at(i).add("is required");
      else s.validate(problems.at("services").at(i));
    }
  }
}
