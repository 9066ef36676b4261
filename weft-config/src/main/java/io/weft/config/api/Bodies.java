package io.weft.config.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.config.store.Entry;
import io.weft.model.ResourceCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Reading request bodies (JSON or YAML) and writing answers (JSON unless the client
 * accepts YAML), and turning stored bytes back into a resource tree.
 */
final class Bodies {
  static final String YAML = "application/yaml";
  static final String JSON = "application/json";

  private final ResourceCodec codec;

  Bodies(ResourceCodec codec) {
    this.codec = codec;
  }

  ObjectMapper json() {
    return codec.json();
  }

  /**
   * Parses a body to a tree. YAML when the content type says so; otherwise JSON, with YAML
   * as a fallback for clients that send YAML without saying so. Any failure is a 400 on {@code body}.
   */
  JsonNode read(byte[] body, String contentType) {
    if (body.length == 0) throw ApiError.invalid("body", "is empty; send a JSON or YAML document");
    boolean yaml = isYaml(contentType);
    JsonNode tree;
    if (yaml) {
      tree = parse(codec.yaml(), body, "YAML");
    } else {
      try {
        tree = codec.json().readTree(body);
      } catch (JsonProcessingException jsonError) {
        try {
          tree = codec.yaml().readTree(body);
        } catch (IOException | RuntimeException yamlError) {
          throw malformed("JSON", jsonError);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) throw ApiError.invalid("body", "is empty; send a JSON or YAML document");
    return tree;
  }

  /** Whether a body with this Content-Type is read as YAML (else JSON, with YAML as a fallback). */
  static boolean isYaml(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("yaml");
  }

  private static JsonNode parse(ObjectMapper mapper, byte[] body, String format) {
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed(format, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiError malformed(String format, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    String why = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    return ApiError.invalid("body", "malformed " + format + where + why);
  }

  /** JSON bytes this server rendered, as a tree. */
  JsonNode tree(byte[] json) {
    try {
      return codec.json().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("an answer is always JSON", e);
    }
  }

  /** The stored resource as a tree, exactly as written (no revision overlay). */
  ObjectNode stored(Entry entry) {
    try {
      return (ObjectNode) codec.json().readTree(entry.value());
    } catch (IOException e) {
      throw new UncheckedIOException("stored value of " + entry.key() + " is not JSON", e);
    }
  }

  /** The stored resource as answered: {@code metadata.resourceVersion} set to {@code revision}. */
  ObjectNode answer(Entry entry, long revision) {
    ObjectNode tree = stored(entry);
    ((ObjectNode) tree.get("metadata")).put("resourceVersion", revision);
    return tree;
  }

  /**
   * The stored resource as answered, as JSON bytes: {@link #answer} without building a tree.
   * A create, a get and every watch event go through here, so it is on the hot path: the
   * stored bytes are kept as they are and only {@code metadata.resourceVersion}'s number is
   * replaced by {@code revision} (or added at the end of metadata when the stored value has
   * none). The parser reads only up to that number, near the start of the value.
   */
  byte[] answerJson(Entry entry, long revision) {
    byte[] stored = entry.value();
    try (JsonParser in = codec.json().getFactory().createParser(stored)) {
      if (in.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        boolean metadata = "metadata".equals(in.currentName());
        if (in.nextToken() != JsonToken.START_OBJECT || !metadata) {
          in.skipChildren();
          continue;
        }
        boolean empty = true;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
          empty = false;
          boolean version = "resourceVersion".equals(in.currentName());
          JsonToken value = in.nextToken();
          if (version && value == JsonToken.VALUE_NUMBER_INT) {
            int at = offset(in);
            return splice(stored, at, at + in.getTextLength(), Long.toString(revision));
          }
          if (version) return answerJsonCopied(entry, revision);
          in.skipChildren();
        }
        // metadata without a resourceVersion: add it before metadata's closing brace
        return splice(stored, offset(in), offset(in), (empty ? "" : ",") + "\"resourceVersion\":" + revision);
      }
      return answerJsonCopied(entry, revision);
    } catch (IOException e) {
      throw new UncheckedIOException("stored value of " + entry.key() + " is not a JSON object", e);
    }
  }

  private static int offset(JsonParser in) {
    return Math.toIntExact(in.currentTokenLocation().getByteOffset());
  }

  /** {@code bytes} with {@code [from, to)} replaced by the ASCII text {@code with}. */
  private static byte[] splice(byte[] bytes, int from, int to, String with) {
    byte[] out = new byte[bytes.length - (to - from) + with.length()];
    System.arraycopy(bytes, 0, out, 0, from);
    with.getBytes(0, with.length(), out, from);
    System.arraycopy(bytes, to, out, from + with.length(), bytes.length - to);
    return out;
  }

  /**
   * {@link #answerJson} by copying every token, for stored values this server did not write
   * (no metadata object, or a resourceVersion that is not an integer).
   */
  private byte[] answerJsonCopied(Entry entry, long revision) {
    JsonFactory f = codec.json().getFactory();
    ByteArrayBuilder out = new ByteArrayBuilder(entry.value().length + 24);
    try (JsonParser in = f.createParser(entry.value()); JsonGenerator g = f.createGenerator(out)) {
      if (in.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
      g.writeStartObject();
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        g.writeFieldName(field);
        if (!"metadata".equals(field) || value != JsonToken.START_OBJECT) {
          g.copyCurrentStructure(in);
          continue;
        }
        g.writeStartObject();
        boolean written = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
          String name = in.currentName();
          in.nextToken();
          if ("resourceVersion".equals(name)) {
            in.skipChildren();
            g.writeNumberField(name, revision);
            written = true;
          } else {
            g.writeFieldName(name);
            g.copyCurrentStructure(in);
          }
        }
        if (!written) g.writeNumberField("resourceVersion", revision);
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("stored value of " + entry.key() + " is not a JSON object", e);
    }
    return out.toByteArray();
  }

  static boolean wantsYaml(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("yaml");
  }

  /** Renders {@code tree} for a client whose Accept header is {@code accept}. */
  byte[] render(JsonNode tree, String accept) {
    try {
      return wantsYaml(accept) ? codec.yaml().writeValueAsBytes(tree) : codec.json().writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }

  /** One compact JSON line, for ndjson watch streams. */
  byte[] line(JsonNode tree) {
    try {
      byte[] b = codec.json().writeValueAsBytes(tree);
      byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
      out[b.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }
}
