package io.weft.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON and YAML mapping of resources, with validation. Every parse either returns a valid
 * {@link Resource} or throws a {@link ValidationException} naming each bad field by path
 * ({@code spec.subnets[0].cidr}), so the API can answer 400 with exactly that.
 */
public final class ResourceCodec {
  private static final Set<String> ENVELOPE_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final Set<String> METADATA_FIELDS = Set.of("name", "project", "uid", "resourceVersion", "labels");

  private final ObjectMapper json;
  private final ObjectMapper yaml;
  private final StreamingResourceReader streaming;

  public ResourceCodec() {
    // Requests run on virtual threads, one per request, so Jackson's default per-thread buffer
    // recycling would allocate fresh buffers for every parse and write; a shared pool reuses them.
    json = configure(JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build()).build());
    yaml = configure(YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a name like "0123" or "1e5" must stay a string when read back
            .stringQuotingChecker(new YamlQuoting())
            .build())
        .build());
    streaming = new StreamingResourceReader(json);
  }

  private static ObjectMapper configure(ObjectMapper m) {
    // Record accessors called through generated lambdas instead of Method.invoke, whose method
    // handles C1 code does not inline. The lookup is this module's, which owns the records.
    m.registerModule(new BlackbirdModule(ResourceCodec::lookupFor));
    m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    // An absent (or null) boolean in a spec means false; with FAIL_ON_NULL_FOR_PRIMITIVES Jackson
    // would reject every record whose primitive component is simply left out.
    m.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    return m;
  }

  /** This module's lookup for its own records; null for other types, which Blackbird then leaves to reflection. */
  private static MethodHandles.Lookup lookupFor(Class<?> type) {
    return type.getModule() == ResourceCodec.class.getModule() ? MethodHandles.lookup() : null;
  }

  public ObjectMapper json() {
    return json;
  }

  public ObjectMapper yaml() {
    return yaml;
  }

  /** Parses one resource from JSON or YAML text (JSON is valid YAML, so YAML parsing takes both). */
  public Resource parse(String text) {
    return fromTree(readTree(text, yaml));
  }

  /**
   * Parses one resource from JSON bytes: in one streaming pass when the document is a valid
   * resource, else through a tree, which names every problem.
   */
  public Resource parseJson(byte[] body) {
    Resource valid = streaming.read(body, null);
    if (valid != null) return valid;
    try {
      return fromTree(json.readTree(body));
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The resource in {@code body} when it is a valid resource in JSON, read in one streaming
   * pass without building a tree; {@code metadata.project}, when absent, is {@code defaultProject}.
   * Null for anything else (not JSON, not an object, any problem, or merely a layout the
   * streaming pass does not take, such as {@code kind} after {@code spec}): the caller then
   * parses through {@link #fromTree}, whose errors name the fields.
   */
  public Resource parseValidJson(byte[] body, String defaultProject) {
    return streaming.read(body, defaultProject);
  }

  /**
   * Parses every document of a multi-document YAML (or a single JSON) text. Errors are
   * prefixed with the document's position, {@code [2].spec.vni}, so a file with many
   * resources points at the right one. Empty documents are skipped.
   */
  public List<Resource> parseAll(String text) {
    List<Resource> out = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode()) continue;
        try {
          out.add(fromTree(doc));
        } catch (ValidationException e) {
          for (FieldError fe : e.errors()) errors.add(new FieldError("[" + index + "]." + fe.field(), fe.message()));
        }
        index++;
      }
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // Jackson's YAML iterator wraps syntax errors in RuntimeJsonMappingException.
      if (e.getCause() instanceof JsonProcessingException jpe) throw malformed(jpe);
      throw e;
    }
    if (!errors.isEmpty()) throw new ValidationException(errors);
    return out;
  }

  /** Builds and validates a resource from a parsed JSON tree. */
  public Resource fromTree(JsonNode tree) {
    Problems problems = new Problems();
    if (tree == null || !tree.isObject()) {
      throw new ValidationException("body", "expected a resource object with apiVersion, kind, metadata and spec");
    }
    for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ENVELOPE_FIELDS.contains(f)) problems.add(f, "unknown field; a resource has apiVersion, kind, metadata, spec and status");
    }
    String apiVersion = tree.path("apiVersion").asText(null);
    if (apiVersion == null) problems.add("apiVersion", "is required (" + Resource.API_VERSION + ")");
    else if (!Resource.API_VERSION.equals(apiVersion)) problems.add("apiVersion", "'" + apiVersion + "' is not supported; use " + Resource.API_VERSION);

    String kindName = tree.path("kind").asText(null);
    Kind kind = null;
    if (kindName == null) problems.add("kind", "is required");
    else {
      kind = Kind.fromKindName(kindName).orElse(null);
      if (kind == null) problems.add("kind", "unknown kind '" + kindName + "'; known kinds: " + knownKinds());
    }

    Metadata metadata = metadata(tree.path("metadata"), kind, problems.at("metadata"));
    Spec spec = kind == null ? null : spec(tree.path("spec"), kind, problems.at("spec"));
    ObjectNode status = null;
    JsonNode statusNode = tree.path("status");
    if (statusNode.isObject()) status = (ObjectNode) statusNode;
    else if (!statusNode.isMissingNode() && !statusNode.isNull()) problems.add("status", "must be an object");

    problems.throwIfAny();
    return new Resource(Resource.API_VERSION, kind.kindName(), metadata, spec, status);
  }

  private Metadata metadata(JsonNode node, Kind kind, Problems p) {
    if (node.isMissingNode() || node.isNull()) {
      p.add("is required, with at least a name");
      return null;
    }
    if (!node.isObject()) {
      p.add("must be an object");
      return null;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!METADATA_FIELDS.contains(f)) p.add(f, "unknown field; metadata has " + String.join(", ", METADATA_FIELDS));
    }
    String name = textField(node, "name", p);
    checkName(name, kind, p);
    String project = textField(node, "project", p);
    checkProject(project, kind, p);
    String uid = textField(node, "uid", p);
    long version = 0;
    JsonNode rv = node.path("resourceVersion");
    if (rv.isIntegralNumber() || (rv.isTextual() && isVersionText(rv.asText()))) version = rv.asLong();
    else if (!rv.isMissingNode() && !rv.isNull()) p.add("resourceVersion", "must be a non-negative integer");
    Map<String, String> labels = Labels.parse(node.path("labels"), p.at("labels"));
    return new Metadata(name, project, uid, version, labels);
  }

  /** The rules on {@code metadata.name}; shared with {@link StreamingResourceReader}. */
  static void checkName(String name, Kind kind, Problems p) {
    String nameProblem = kind == Kind.TAG ? TagSyntax.problem(name) : Names.problem(name);
    if (nameProblem == null && kind == Kind.TAG && name.startsWith(TagSyntax.GLOBAL_PREFIX)) {
      nameProblem = "'" + name + "': a global tag is one without metadata.project; drop the prefix";
    }
    if (nameProblem != null) p.add("name", nameProblem);
  }

  /** The rules on {@code metadata.project}; shared with {@link StreamingResourceReader}. */
  static void checkProject(String project, Kind kind, Problems p) {
    if (kind != null) {
      if (kind.scope() == Scope.CLUSTER && project != null) {
        p.add("project", kind.kindName() + " is cluster-wide and takes no project");
      } else if (kind.scope() == Scope.PROJECT && project == null) {
        p.add("project", "is required for " + kind.kindName());
      }
    }
    if (project != null && Names.problem(project) != null) p.add("project", Names.problem(project));
  }

  /** A resourceVersion written as a string: 1 to 18 ASCII digits. */
  static boolean isVersionText(String s) {
    if (s.isEmpty() || s.length() > 18) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static String textField(JsonNode node, String field, Problems p) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) return null;
    if (!v.isTextual()) {
      p.add(field, "must be a string");
      return null;
    }
    return v.asText();
  }

  private Spec spec(JsonNode node, Kind kind, Problems p) {
    JsonNode specNode = node.isMissingNode() || node.isNull() ? json.createObjectNode() : node;
    if (!specNode.isObject()) {
      p.add("must be an object");
      return null;
    }
    Spec spec;
    try {
      spec = json.treeToValue(specNode, kind.specType());
    } catch (JsonMappingException e) {
      p.at(pathOf(e)).add(cleanMessage(e));
      return null;
    } catch (JsonProcessingException e) {
      p.add(cleanMessage(e));
      return null;
    } catch (IllegalArgumentException e) {
      p.add(e.getMessage());
      return null;
    }
    spec.validate(p);
    return spec;
  }

  /** {@code subnets[0].cidr} from Jackson's reference chain. */
  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) sb.append('.');
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String cleanMessage(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'; known fields: " + u.getKnownPropertyIds();
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
      return "'" + f.getValue() + "' is not a valid " + simpleType(f.getTargetType());
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi && mi.getTargetType() != null) {
      return "expected " + simpleType(mi.getTargetType());
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException && e.getCause() != null) {
      return e.getCause().getMessage();
    }
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  private static String simpleType(Class<?> type) {
    if (type.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object c : type.getEnumConstants()) values.add(writtenName((Enum<?>) c));
      return "value (one of " + String.join(", ", values) + ")";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "integer";
    if (type == Boolean.class || type == boolean.class) return "boolean (true or false)";
    if (List.class.isAssignableFrom(type)) return "list";
    if (type == String.class) return "string";
    return "object";
  }

  /** An enum constant as users write it: its {@code @JsonProperty} name, else its lower-case name. */
  private static String writtenName(Enum<?> constant) {
    try {
      JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      if (p != null && !p.value().isEmpty()) return p.value();
    } catch (NoSuchFieldException e) {
      // an enum constant is always a field of its class
    }
    return constant.name().toLowerCase(java.util.Locale.ROOT).replace("_", "-");
  }

  private static ValidationException malformed(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    String msg = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    return new ValidationException("body", "malformed document" + where + msg);
  }

  private static JsonNode readTree(String text, ObjectMapper mapper) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  private static String knownKinds() {
    List<String> names = new ArrayList<>();
    for (Kind k : Kind.values()) names.add(k.kindName());
    return String.join(", ", names);
  }

  public byte[] toJson(Resource r) {
    try {
      return json.writeValueAsBytes(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a resource always serialises", e);
    }
  }

  public String toYaml(Resource r) {
    try {
      return yaml.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a resource always serialises", e);
    }
  }

  public ObjectNode toTree(Resource r) {
    return json.valueToTree(r);
  }
}
