package io.weft.control.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What a watch line ({@code {"type":T,"object":{...}}}, weft-config/API.md) is about, read
 * without building its tree: the type, the object's kind and its metadata.resourceVersion.
 * The control node watches every kind but keeps only the derived ones, so most lines (user
 * objects, address claims) need nothing more. Reading stops once all three are known, near
 * the start of the line.
 *
 * @param type the line's type, null when the line does not start with it (read it whole then)
 * @param kind the object's kind, null when it has none (BOOKMARK, ERROR)
 * @param resourceVersion the object's metadata.resourceVersion, 0 when absent
 */
record WatchLineHead(String type, String kind, long resourceVersion) {

  static WatchLineHead of(JsonFactory json, String line) throws IOException {
    String type = null;
    String kind = null;
    long rv = 0;
    try (JsonParser p = json.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("a watch line is a JSON object: " + line);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("type") && value == JsonToken.VALUE_STRING) {
          type = p.getText();
        } else if (field.equals("object") && value == JsonToken.START_OBJECT) {
          if (type == null) return new WatchLineHead(null, null, 0);
          while (p.nextToken() == JsonToken.FIELD_NAME && (kind == null || rv == 0)) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("kind") && v == JsonToken.VALUE_STRING) kind = p.getText();
            else if (name.equals("metadata") && v == JsonToken.START_OBJECT) rv = resourceVersion(p);
            else p.skipChildren();
          }
          return new WatchLineHead(type, kind, rv);
        } else {
          p.skipChildren();
        }
      }
    }
    return new WatchLineHead(type, kind, rv);
  }

  /** metadata.resourceVersion, the parser at metadata's START_OBJECT; leaves it past metadata's end. */
  private static long resourceVersion(JsonParser p) throws IOException {
    long rv = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("resourceVersion") && (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_STRING)) {
        rv = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : Long.parseLong(p.getText());
      } else {
        p.skipChildren();
      }
    }
    return rv;
  }
}
