package io.weft.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * The envelope's metadata. {@code project} is null for cluster-wide kinds. {@code uid} and
 * {@code resourceVersion} are set by the config API; {@code resourceVersion} is the store
 * revision of the last change and drives optimistic concurrency (0 = not yet stored).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Metadata(
    String name, String project, String uid, long resourceVersion, Map<String, String> labels) {

  public Metadata {
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  public static Metadata of(String project, String name) {
    return new Metadata(name, project, null, 0, Map.of());
  }

  public Metadata withUid(String newUid) {
    return new Metadata(name, project, newUid, resourceVersion, labels);
  }

  public Metadata withResourceVersion(long version) {
    return new Metadata(name, project, uid, version, labels);
  }

  public Metadata withLabels(Map<String, String> newLabels) {
    return new Metadata(name, project, uid, resourceVersion, newLabels);
  }
}
