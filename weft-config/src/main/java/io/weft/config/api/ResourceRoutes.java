package io.weft.config.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.config.admission.Admission;
import io.weft.config.store.Entry;
import io.weft.config.store.Listing;
import io.weft.config.store.Store;
import io.weft.config.store.StoreException;
import io.weft.config.store.Write;
import io.weft.model.Kind;
import io.weft.model.LabelSelector;
import io.weft.model.Reference;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Create, read, replace, patch and delete of resources (API.md "Bodies"). Every write is a
 * single conditional store write, so a rejected request changes nothing.
 *
 * <p>Replace, patch and status writes keep parts of the stored value (uid, status or spec);
 * they write conditionally on the revision they read, and when the client set no
 * precondition they re-read and retry a lost race instead of overwriting a newer value.
 */
final class ResourceRoutes {
  private static final int RETRIES = 8;
  /** Lost races on an admission's claim keys (e.g. 16 concurrent port creates on one subnet). */
  private static final int ADMISSION_RETRIES = 64;

  private final Store store;
  private final ResourceCodec codec;
  private final Bodies bodies;
  private final Admission admission;

  ResourceRoutes(Store store, ResourceCodec codec, Bodies bodies, Admission admission) {
    this.store = store;
    this.codec = codec;
    this.bodies = bodies;
    this.admission = admission;
  }

  /** An answer: a tree, or (on the hot paths) JSON bytes already rendered, {@code body} then null. */
  record Reply(int status, JsonNode body, byte[] json) {
    Reply(int status, JsonNode body) {
      this(status, body, null);
    }

    static Reply json(int status, byte[] json) {
      return new Reply(status, null, json);
    }
  }

  Reply get(ApiPath p) {
    Entry e = current(p);
    return Reply.json(200, bodies.answerJson(e, e.modRevision()));
  }

  Reply list(ApiPath p, LabelSelector selector) {
    Listing listing = store.list(p.kind(), p.project());
    List<ObjectNode> items = listing.entries().stream()
        .map(e -> bodies.answer(e, e.modRevision()))
        .filter(t -> selector.matches(Labels.of(t)))
        .sorted(Comparator.comparing((ObjectNode t) -> t.path("metadata").path("project").asText(""))
            .thenComparing(t -> t.path("metadata").path("name").asText()))
        .toList();
    ObjectNode out = bodies.json().createObjectNode();
    out.put("apiVersion", Resource.API_VERSION);
    out.put("kind", "List");
    out.putObject("metadata").put("resourceVersion", listing.revision());
    ArrayNode array = out.putArray("items");
    items.forEach(array::add);
    return new Reply(200, out);
  }

  /**
   * A valid JSON body of the path's kind and project is read in one streaming pass; any
   * other body (YAML, or one with a problem) goes through a tree, so the 400 names the field.
   */
  Reply create(ApiPath p, byte[] body, String contentType) {
    Resource r = Bodies.isYaml(contentType) ? null : codec.parseValidJson(body, p.project());
    if (r == null || r.kindEnum() != p.kind() || (p.project() != null && !p.project().equals(r.metadata().project()))) {
      r = parsed(p, bodies.read(body, contentType));
    }
    Resource toStore = r.withMetadata(r.metadata().withUid(Uids.next()).withResourceVersion(0)).withStatus(null);
    Entry e = admitted(toStore, Optional.empty(), a -> new Write.Create(a.key(), codec.toJson(a), references(a), a));
    return Reply.json(201, bodies.answerJson(e, e.modRevision()));
  }

  private Resource parsed(ApiPath p, JsonNode body) {
    fillProject(body, p);
    Resource r = codec.fromTree(body);
    checkKind(r, p);
    if (p.project() != null && !p.project().equals(r.metadata().project())) {
      throw ApiError.invalid("metadata.project", "'" + r.metadata().project() + "' does not match the path's project '" + p.project() + "'");
    }
    return r;
  }

  Reply replace(ApiPath p, JsonNode body) {
    fillProject(body, p);
    Resource r = codec.fromTree(body);
    checkIdentity(r, p);
    long wanted = r.metadata().resourceVersion();
    return update(p, wanted, true, stored -> {
      JsonNode status = stored.get("status");
      return r.withMetadata(r.metadata().withUid(stored.path("metadata").path("uid").asText(null)).withResourceVersion(0))
          .withStatus(status != null && status.isObject() ? (ObjectNode) status : null);
    });
  }

  Reply patch(ApiPath p, JsonNode patch) {
    long wanted = precondition(patch);
    return update(p, wanted, true, stored -> {
      JsonNode merged = MergePatch.apply(stored, patch);
      if (merged.isObject()) {
        ObjectNode m = (ObjectNode) merged;
        // uid and status are the server's and the compiler's; a patch does not move them.
        if (m.get("metadata") instanceof ObjectNode md) {
          md.remove("resourceVersion");
          md.set("uid", stored.path("metadata").get("uid"));
        }
        if (stored.has("status")) m.set("status", stored.get("status"));
        else m.remove("status");
      }
      Resource r = codec.fromTree(merged);
      checkIdentity(r, p);
      return r;
    });
  }

  Reply replaceStatus(ApiPath p, JsonNode body) {
    if (!body.isObject()) throw ApiError.invalid("body", "expected an object with a status");
    JsonNode status = body.get("status");
    if (status != null && !status.isObject() && !status.isNull()) throw ApiError.invalid("status", "must be an object");
    if (body.has("kind") && !p.kind().kindName().equals(body.get("kind").asText())) {
      throw ApiError.invalid("kind", "'" + body.get("kind").asText() + "' does not match the path's kind " + p.kind().kindName());
    }
    JsonNode name = body.path("metadata").path("name");
    if (name.isTextual() && !name.asText().equals(p.name())) {
      throw ApiError.invalid("metadata.name", "'" + name.asText() + "' does not match the path's name '" + p.name() + "'");
    }
    // Status is the compiler's: no admission (it decides on spec).
    return update(p, precondition(body), false, stored -> {
      ObjectNode next = stored.deepCopy();
      if (status == null || status.isNull()) next.remove("status");
      else next.set("status", status);
      return codec.fromTree(next);
    });
  }

  Reply delete(ApiPath p, long wanted) {
    Entry cur = current(p);
    List<Write> writes = new ArrayList<>(admission.released(codec.parseJson(cur.value()), store));
    // A delete without a precondition still deletes exactly the value admission released from.
    writes.add(new Write.Delete(p.key(), wanted != 0 || writes.isEmpty() ? wanted : cur.modRevision()));
    List<Entry> done = store.commit(writes);
    Entry e = done.getLast();
    return Reply.json(200, bodies.answerJson(e, e.modRevision()));
  }

  private interface Rewrite {
    Resource next(ObjectNode stored);
  }

  private Reply update(ApiPath p, long wanted, boolean admit, Rewrite rewrite) {
    for (int attempt = 0; ; attempt++) {
      Entry cur = current(p);
      if (wanted != 0 && wanted != cur.modRevision()) {
        throw new StoreException.VersionConflict(p.key(), wanted, cur.modRevision());
      }
      Resource next = rewrite.next(bodies.stored(cur));
      try {
        long expected = cur.modRevision();
        Entry e = admit
            ? admitted(next, Optional.of(codec.parseJson(cur.value())), a -> new Write.Update(p.key(), codec.toJson(a), references(a), expected, a))
            : write(new Write.Update(p.key(), codec.toJson(next), references(next), expected, next), next);
        return Reply.json(200, bodies.answerJson(e, e.modRevision()));
      } catch (StoreException.VersionConflict raced) {
        if (wanted != 0 || attempt >= RETRIES) throw raced;
      }
    }
  }

  /**
   * Runs the admission and commits its decision's resource with its extra writes in one
   * commit; a lost race on a key the admission created is retried with a fresh admission.
   */
  private Entry admitted(Resource r, Optional<Resource> stored, Function<Resource, Write> writeOf) {
    for (int attempt = 0; ; attempt++) {
      Admission.Decision d = admission.admit(r, stored, store);
      List<Write> writes = new ArrayList<>(1 + d.extraWrites().size());
      writes.add(writeOf.apply(d.resource()));
      writes.addAll(d.extraWrites());
      Entry entry;
      try {
        entry = store.commit(writes).getFirst();
      } catch (RuntimeException e) {
        admission.abandoned(d);
        if (attempt < ADMISSION_RETRIES && admission.isRetryable(e, d)) continue;
        if (e instanceof StoreException.DanglingReference dangling) throw ErrorMapper.dangling(dangling, d.resource());
        throw e;
      }
      admission.committed(d, entry);
      return entry;
    }
  }

  private Entry write(Write w, Resource r) {
    try {
      return store.apply(w);
    } catch (StoreException.DanglingReference e) {
      throw ErrorMapper.dangling(e, r);
    }
  }

  private Entry current(ApiPath p) {
    return store.get(p.key()).orElseThrow(() -> ApiError.notFound(p.key() + " not found"));
  }

  /** The resource's references, plus the project it lives in, so neither can vanish under it. */
  static Set<ResourceKey> references(Resource r) {
    Set<ResourceKey> refs = new HashSet<>();
    for (Reference ref : r.references()) refs.add(ref.key());
    if (r.metadata().project() != null) refs.add(new ResourceKey(Kind.PROJECT, null, r.metadata().project()));
    return refs;
  }

  /**
   * {@code metadata.project} may be left out of a body sent to a project path. A body of
   * another kind is refused first, so the error names {@code kind}, not a project rule of that kind.
   */
  private static void fillProject(JsonNode body, ApiPath p) {
    JsonNode kind = body.path("kind");
    if (kind.isTextual() && Kind.fromKindName(kind.asText()).filter(k -> k != p.kind()).isPresent()) {
      throw ApiError.invalid("kind", "'" + kind.asText() + "' does not match the path's kind " + p.kind().kindName());
    }
    if (p.project() != null && body.path("metadata") instanceof ObjectNode metadata) {
      JsonNode given = metadata.get("project");
      if (given == null || given.isNull()) metadata.put("project", p.project());
    }
  }

  private static long precondition(JsonNode body) {
    JsonNode rv = body.path("metadata").path("resourceVersion");
    if (rv.isMissingNode() || rv.isNull()) return 0;
    if (rv.isIntegralNumber() && rv.asLong() >= 0) return rv.asLong();
    if (rv.isTextual() && rv.asText().matches("\\d{1,18}")) return Long.parseLong(rv.asText());
    throw ApiError.invalid("metadata.resourceVersion", "must be a non-negative integer");
  }

  private static void checkKind(Resource r, ApiPath p) {
    if (r.kindEnum() != p.kind()) {
      throw ApiError.invalid("kind", "'" + r.kind() + "' does not match the path's kind " + p.kind().kindName());
    }
  }

  private static void checkIdentity(Resource r, ApiPath p) {
    checkKind(r, p);
    if (!r.metadata().name().equals(p.name())) {
      throw ApiError.invalid("metadata.name", "'" + r.metadata().name() + "' does not match the path's name '" + p.name() + "'");
    }
    String project = r.metadata().project();
    if (project == null ? p.project() != null : !project.equals(p.project())) {
      throw ApiError.invalid("metadata.project", "'" + project + "' does not match the path's project '" + p.project() + "'");
    }
  }
}
