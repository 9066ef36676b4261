package io.weft.config.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.model.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A refusal in the shape API.md's error table gives: {@code code}, {@code reason},
 * {@code message}, and for 400 the {@code errors} naming fields, for a refused delete the
 * {@code referencedBy} keys.
 */
final class ApiError extends RuntimeException {
  private final int code;
  private final String reason;
  private final List<FieldError> errors;
  private final List<String> referencedBy;

  private ApiError(int code, String reason, String message, List<FieldError> errors, List<String> referencedBy) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.errors = List.copyOf(errors);
    this.referencedBy = List.copyOf(referencedBy);
  }

  static ApiError invalid(List<FieldError> errors) {
    String message = errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    return new ApiError(400, "Invalid", message, errors, List.of());
  }

  static ApiError invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  static ApiError unauthorized() {
    return new ApiError(401, "Unauthorized", "missing or wrong 'Authorization: Bearer <token>'", List.of(), List.of());
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "NotFound", message, List.of(), List.of());
  }

  static ApiError methodNotAllowed(String message) {
    return new ApiError(405, "MethodNotAllowed", message, List.of(), List.of());
  }

  static ApiError conflict(String message) {
    return new ApiError(409, "Conflict", message, List.of(), List.of());
  }

  static ApiError referenced(String message, List<String> referencedBy) {
    return new ApiError(409, "Conflict", message, List.of(), referencedBy);
  }

  static ApiError expired(String message) {
    return new ApiError(410, "Expired", message, List.of(), List.of());
  }

  /** An HTTP-level refusal from the web layer (too large a body, say). */
  static ApiError http(int code, String message) {
    return new ApiError(code, code == 413 ? "RequestEntityTooLarge" : "BadRequest", message, List.of(), List.of());
  }

  static ApiError internal() {
    return new ApiError(500, "InternalError", "internal error; see the server log", List.of(), List.of());
  }

  int code() {
    return code;
  }

  String reason() {
    return reason;
  }

  List<FieldError> errors() {
    return errors;
  }

  ObjectNode toTree(ObjectMapper mapper) {
    ObjectNode n = mapper.createObjectNode();
    n.put("code", code);
    n.put("reason", reason);
    n.put("message", getMessage());
    if (!errors.isEmpty()) {
      ArrayNode list = n.putArray("errors");
      for (FieldError e : errors) list.addObject().put("field", e.field()).put("message", e.message());
    }
    if (!referencedBy.isEmpty()) {
      ArrayNode list = n.putArray("referencedBy");
      referencedBy.forEach(list::add);
    }
    return n;
  }
}
