package io.weft.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a valid resource from JSON in one streaming pass: the envelope and metadata token
 * by token, the spec straight into its record. Every request body and every stored value the
 * compiler reads comes through here, and a tree first (then {@code treeToValue}) built and
 * walked every value twice.
 *
 * <p>It only ever answers for valid documents: on anything else (malformed JSON, a
 * duplicate, an unknown field, a value of the wrong type, a failed rule, or a layout it does
 * not take, such as {@code kind} after {@code spec}) it gives up with null, and the caller
 * takes {@link ResourceCodec#fromTree}, which finds the same problems and names them. So the
 * rules are those of {@code fromTree}, which this class shares where they are more than a
 * type check ({@link ResourceCodec#checkName}, {@link ResourceCodec#checkProject},
 * {@link Labels#validKey}, {@link Labels#validValue}, {@link Spec#validate}).
 *
 * <p>Immutable and thread-safe.
 */
final class StreamingResourceReader {
  private final ObjectMapper json;

  StreamingResourceReader(ObjectMapper json) {
    this.json = json;
  }

  /** The resource, or null when {@code body} is not one this pass takes (see the class comment). */
  Resource read(byte[] body, String defaultProject) {
    try (JsonParser in = json.createParser(body)) {
      Resource r = resource(in, defaultProject);
      // Trailing content is for the tree path to judge.
      return r != null && in.nextToken() == null ? r : null;
    } catch (IOException | RuntimeException e) {
      return null; // the tree path reports it
    }
  }

  private Resource resource(JsonParser in, String defaultProject) throws IOException {
    if (in.nextToken() != JsonToken.START_OBJECT) return null;
    boolean apiVersion = false;
    Kind kind = null;
    Metadata metadata = null;
    Spec spec = null;
    ObjectNode status = null;
    Problems problems = new Problems();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      switch (field) {
        case "apiVersion" -> {
          if (value != JsonToken.VALUE_STRING || !Resource.API_VERSION.equals(in.getText())) return null;
          apiVersion = true;
        }
        case "kind" -> {
          if (value != JsonToken.VALUE_STRING) return null;
          kind = Kind.fromKindName(in.getText()).orElse(null);
          if (kind == null) return null;
        }
        case "metadata" -> {
          if (value != JsonToken.START_OBJECT || kind == null) return null;
          metadata = metadata(in, kind, defaultProject, problems.at("metadata"));
          if (metadata == null) return null;
        }
        case "spec" -> {
          if (value != JsonToken.START_OBJECT || kind == null) return null;
          spec = json.readValue(in, kind.specType());
          if (spec == null) return null;
          spec.validate(problems.at("spec"));
        }
        case "status" -> {
          if (value == JsonToken.START_OBJECT) status = (ObjectNode) json.readTree(in);
          else if (value != JsonToken.VALUE_NULL) return null;
        }
        default -> {
          return null;
        }
      }
    }
    if (!apiVersion || metadata == null || spec == null || !problems.isEmpty()) return null;
    return new Resource(Resource.API_VERSION, kind.kindName(), metadata, spec, status);
  }

  /** Metadata's fields, checked by the rules of the tree path; null on anything it would report. */
  private Metadata metadata(JsonParser in, Kind kind, String defaultProject, Problems p) throws IOException {
    String name = null;
    String project = null;
    String uid = null;
    long version = 0;
    Map<String, String> labels = Map.of();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      if ((field.equals("name") || field.equals("project") || field.equals("uid"))
          && value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
        return null; // not a string
      }
      switch (field) {
        case "name" -> name = text(in, value);
        case "project" -> project = text(in, value);
        case "uid" -> uid = text(in, value);
        case "resourceVersion" -> {
          if (value == JsonToken.VALUE_NUMBER_INT) version = in.getLongValue();
          else if (value == JsonToken.VALUE_STRING && ResourceCodec.isVersionText(in.getText())) version = Long.parseLong(in.getText());
          else if (value != JsonToken.VALUE_NULL) return null;
        }
        case "labels" -> {
          if (value == JsonToken.START_OBJECT) labels = labels(in);
          else if (value != JsonToken.VALUE_NULL) return null;
          if (labels == null) return null;
        }
        default -> {
          return null;
        }
      }
    }
    if (project == null) project = defaultProject;
    ResourceCodec.checkName(name, kind, p);
    ResourceCodec.checkProject(project, kind, p);
    return p.isEmpty() ? new Metadata(name, project, uid, version, labels) : null;
  }

  /** Labels of string values, each key and value valid by {@link Labels}' rules; null on anything else. */
  private static Map<String, String> labels(JsonParser in) throws IOException {
    Map<String, String> out = new TreeMap<>();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String key = in.currentName();
      if (in.nextToken() != JsonToken.VALUE_STRING) return null;
      String value = in.getText();
      if (!Labels.validKey(key) || !Labels.validValue(value)) return null;
      out.put(key, value);
    }
    return out;
  }

  private static String text(JsonParser in, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_STRING ? in.getText() : null;
  }
}
