package io.weft.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The columns {@code weftctl get} prints for each kind besides NAME and PROJECT: a couple of
 * spec fields a user looks for first, and status fields the compiler fills in. Kinds are
 * keyed by their envelope name so a kind added to the model prints NAME and LABELS until it
 * gets its own entry here.
 */
public final class ResourceColumns {
  private static final Map<String, List<Column>> NORMAL = Map.ofEntries(
      Map.entry("Project", List.of(column("DESCRIPTION", "spec", "description"))),
      Map.entry("VirtualNetwork", List.of(
          new Column("SUBNETS", r -> joined(r.path("spec").path("subnets"), "cidr")),
          column("FORWARDING", "spec", "forwarding"),
          new Column("VNI", r -> firstText(r.path("status").path("vni"), r.path("spec").path("vni"))))),
      Map.entry("Tag", List.of(column("ID", "status", "id"), column("DESCRIPTION", "spec", "description"))),
      Map.entry("NetworkIpam", List.of(new Column("SUBNETS", r -> joined(r.path("spec").path("subnets"), "cidr")))),
      Map.entry("NetworkPolicy", List.of(new Column("RULES", r -> count(r.path("spec").path("rules"))))),
      Map.entry("SecurityGroup", List.of(new Column("RULES", r -> count(r.path("spec").path("rules"))))),
      Map.entry("VirtualMachineInterface", List.of(
          column("NETWORK", "spec", "network"), column("VROUTER", "spec", "virtualRouter"),
          new Column("MAC", r -> firstText(r.path("spec").path("mac"), r.path("status").path("mac"))))),
      Map.entry("InstanceIp", List.of(
          column("NETWORK", "spec", "network"), column("PORT", "spec", "port"),
          new Column("ADDRESS", r -> firstText(r.path("spec").path("address"), r.path("status").path("address"))))),
      Map.entry("VirtualRouter", List.of(column("ADDRESS", "spec", "address"))),
      Map.entry("BgpRouter", List.of(column("ADDRESS", "spec", "address"), column("ASN", "spec", "asn"), column("TYPE", "spec", "routerType"))),
      Map.entry("FirewallRule", List.of(column("ACTION", "spec", "action"), column("DIRECTION", "spec", "direction"))));

  private static final Map<String, List<Column>> WIDE = Map.of(
      "VirtualNetwork", List.of(
          column("ROUTE-TARGET", "status", "routeTarget"),
          new Column("POLICIES", r -> joined(r.path("spec").path("networkPolicies"), null))),
      "VirtualMachineInterface", List.of(
          new Column("FIXED-IPS", r -> joined(r.path("spec").path("fixedIps"), null)),
          new Column("SECURITY-GROUPS", r -> joined(r.path("spec").path("securityGroups"), null))),
      "Project", List.of(new Column("TAGS", r -> joined(r.path("spec").path("tags"), null))),
      "VirtualRouter", List.of(new Column("TAGS", r -> joined(r.path("spec").path("tags"), null))));

  private static final Column LABELS = new Column("LABELS", r -> labels(r.path("metadata").path("labels")));

  private ResourceColumns() {}

  /** The extra columns of a kind; {@code wide} adds more of them and the labels. */
  public static List<Column> of(String kindName, boolean wide) {
    List<Column> cols = new ArrayList<>(NORMAL.getOrDefault(kindName, List.of()));
    if (wide) {
      cols.addAll(WIDE.getOrDefault(kindName, List.of()));
      cols.add(LABELS);
    } else if (cols.isEmpty()) {
      cols.add(LABELS);
    }
    return cols;
  }

  private static Column column(String header, String section, String field) {
    return new Column(header, r -> text(r.path(section).path(field)));
  }

  private static String count(JsonNode list) {
    return String.valueOf(list.size());
  }

  static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? "" : n.isValueNode() ? n.asText() : n.toString();
  }

  private static String firstText(JsonNode... candidates) {
    for (JsonNode n : candidates) {
      String t = text(n);
      if (!t.isEmpty()) return t;
    }
    return "";
  }

  /** Comma-joined list items, or the given field of each item. */
  static String joined(JsonNode list, String field) {
    List<String> parts = new ArrayList<>();
    for (JsonNode item : list) {
      String t = text(field == null ? item : item.path(field));
      if (!t.isEmpty()) parts.add(t);
    }
    return String.join(",", parts);
  }

  static String labels(JsonNode labels) {
    Map<String, String> sorted = new TreeMap<>();
    labels.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /** A column: its header and how to read its cell from a resource as the API returns it. */
  public record Column(String header, Function<JsonNode, String> cell) {}
}
