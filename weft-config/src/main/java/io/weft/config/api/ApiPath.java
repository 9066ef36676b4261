package io.weft.config.api;

import io.weft.model.Kind;
import io.weft.model.ResourceKey;
import io.weft.model.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a path below {@code /api/v1} names (API.md "Paths"). {@code project} is the path's
 * project, null on cluster-wide and global paths.
 */
record ApiPath(Target target, Kind kind, String project, String name) {
  enum Target { DISCOVERY, WATCH_ALL, COLLECTION, ITEM, STATUS }

  private static final String PROJECTS = Kind.PROJECT.plural();
  private static final String STATUS = "status";

  ResourceKey key() {
    return new ResourceKey(kind, project, name);
  }

  /** The label kind for metrics: the kind name, or {@code *} for discovery and the all-kinds watch. */
  String metricKind() {
    return kind == null ? "*" : kind.kindName();
  }

  /**
   * Parses {@code rest}, the path after {@code /api/v1/}. {@code put} resolves the one
   * ambiguity: {@code projects/p/status} is project p's status for PUT, a list otherwise.
   */
  static ApiPath parse(String rest, boolean put) {
    List<String> s = segments(rest);
    if (s.isEmpty()) return new ApiPath(Target.DISCOVERY, null, null, null);
    if (s.size() == 1 && s.getFirst().equals("watch")) return new ApiPath(Target.WATCH_ALL, null, null, null);
    boolean projectStatus = s.size() == 3 && s.get(2).equals(STATUS) && put;
    if (s.getFirst().equals(PROJECTS) && s.size() >= 3 && !projectStatus) {
      String project = s.get(1);
      Kind kind = kind(s.get(2));
      if (kind.scope() == Scope.CLUSTER) {
        throw ApiError.notFound(kind.kindName() + " is cluster-wide; use /api/v1/" + kind.plural());
      }
      return item(s.subList(3, s.size()), kind, project, rest);
    }
    Kind kind = kind(s.getFirst());
    ApiPath p = item(s.subList(1, s.size()), kind, null, rest);
    if (p.target != Target.COLLECTION && kind.scope() == Scope.PROJECT) {
      throw ApiError.notFound(kind.kindName() + " lives in a project; use /api/v1/projects/{project}/"
          + kind.plural() + "/" + p.name);
    }
    return p;
  }

  private static ApiPath item(List<String> tail, Kind kind, String project, String rest) {
    return switch (tail.size()) {
      case 0 -> new ApiPath(Target.COLLECTION, kind, project, null);
      case 1 -> new ApiPath(Target.ITEM, kind, project, tail.getFirst());
      case 2 -> {
        if (!tail.get(1).equals(STATUS)) throw ApiError.notFound("no such path /api/v1/" + rest);
        yield new ApiPath(Target.STATUS, kind, project, tail.getFirst());
      }
      default -> throw ApiError.notFound("no such path /api/v1/" + rest);
    };
  }

  /** The non-empty segments between slashes (every request's path goes through here). */
  private static List<String> segments(String rest) {
    List<String> out = new ArrayList<>(5);
    int start = 0;
    for (int i = 0; i <= rest.length(); i++) {
      if (i == rest.length() || rest.charAt(i) == '/') {
        if (i > start) out.add(rest.substring(start, i));
        start = i + 1;
      }
    }
    return out;
  }

  private static final Map<String, Kind> BY_PLURAL = byPlural();

  private static Map<String, Kind> byPlural() {
    Map<String, Kind> m = new HashMap<>();
    for (Kind k : Kind.values()) m.put(k.plural(), k);
    return Map.copyOf(m);
  }

  private static Kind kind(String plural) {
    Kind k = BY_PLURAL.get(plural);
    if (k == null) throw ApiError.notFound("unknown resource type '" + plural + "'; see /api/v1 for the known plurals");
    return k;
  }
}
