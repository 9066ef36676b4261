package io.weft.control.rib;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A prefix in one table with all its paths, best first ({@link BestPath#ORDER}). Immutable:
 * a change makes a new route, so a route handed to a subscriber never changes under it.
 */
public record Route(String prefix, List<Path> paths) {
  public Route {
    Objects.requireNonNull(prefix, "prefix");
    if (paths.isEmpty()) throw new IllegalArgumentException("a route has at least one path");
    paths = List.copyOf(paths);
  }

  public Path best() {
    return paths.getFirst();
  }

  /** The best path and every path of equal cost (ECMP), in preference order. */
  public List<Path> ecmp() {
    int n = 1;
    Path best = best();
    while (n < paths.size() && BestPath.equalCost(best, paths.get(n))) n++;
    return paths.subList(0, n);
  }

  /** This route with {@code path} added, replacing any path from the same source; sorted. */
  Route with(Path path) {
    List<Path> out = new ArrayList<>(paths.size() + 1);
    for (Path p : paths) if (!p.sameSource(path)) out.add(p);
    out.add(path);
    out.sort(BestPath.ORDER);
    return new Route(prefix, out);
  }

  static Route of(String prefix, Path path) {
    return new Route(prefix, List.of(path));
  }

  /** This route without the path from {@code peer} published into {@code primaryInstance}; null when none is left. */
  Route without(String peer, String primaryInstance) {
    List<Path> out = new ArrayList<>(paths.size());
    for (Path p : paths) if (!(p.peer().equals(peer) && p.primaryInstance().equals(primaryInstance))) out.add(p);
    if (out.size() == paths.size()) return this;
    return out.isEmpty() ? null : new Route(prefix, out);
  }
}
