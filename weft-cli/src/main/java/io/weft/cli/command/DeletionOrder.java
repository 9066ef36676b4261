package io.weft.cli.command;

import io.weft.model.Kind;
import io.weft.model.Reference;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders resources for deletion so that nothing is deleted while another resource in the
 * same batch still refers to it (ports before networks, networks before their IPAM and
 * policies, everything in a project before the project). Among resources free to go, the
 * given order wins; a reference cycle falls back to it too, and the server's 409 retry in
 * {@link Deleter} settles what is left.
 */
final class DeletionOrder {
  private DeletionOrder() {}

  static List<Resource> order(List<Resource> preferred) {
    Map<ResourceKey, Resource> remaining = new LinkedHashMap<>();
    for (Resource r : preferred) remaining.put(r.key(), r);
    List<Resource> out = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Set<ResourceKey> referenced = referencedWithin(remaining);
      Resource next = remaining.values().stream()
          .filter(r -> !referenced.contains(r.key()))
          .findFirst()
          .orElse(remaining.values().iterator().next());
      out.add(next);
      remaining.remove(next.key());
    }
    return out;
  }

  /** Every key in {@code batch} that another member of the batch refers to, a project's members included. */
  private static Set<ResourceKey> referencedWithin(Map<ResourceKey, Resource> batch) {
    Set<ResourceKey> referenced = new HashSet<>();
    for (Resource r : batch.values()) {
      for (Reference ref : r.references()) {
        if (!ref.key().equals(r.key())) referenced.add(ref.key());
      }
      if (!r.kindEnum().clusterScoped() && r.metadata().project() != null) {
        referenced.add(new ResourceKey(Kind.PROJECT, null, r.metadata().project()));
      }
    }
    referenced.retainAll(batch.keySet());
    return referenced;
  }
}
