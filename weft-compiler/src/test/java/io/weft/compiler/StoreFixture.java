package io.weft.compiler;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.Entry;
import io.weft.config.store.Store;
import io.weft.config.store.Write;
import io.weft.config.store.sqlite.SqliteStore;
import io.weft.model.Reference;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A real SQLite store and helpers to write user resources into it as the API would. */
final class StoreFixture {
  private StoreFixture() {}

  static SqliteStore open(Path dir) {
    return new SqliteStore(dir.resolve("weft.db"), 100_000, new PrometheusRegistry());
  }

  static Write create(Resource r) {
    Resource withUid = r.metadata().uid() != null ? r : r.withMetadata(r.metadata().withUid(UUID.randomUUID().toString()));
    return new Write.Create(r.key(), Yaml.CODEC.toJson(withUid), refs(r));
  }

  static Write update(Resource r, long expected) {
    return new Write.Update(r.key(), Yaml.CODEC.toJson(r), refs(r), expected);
  }

  static Set<ResourceKey> refs(Resource r) {
    Set<ResourceKey> out = new HashSet<>();
    for (Reference ref : r.references()) out.add(ref.key());
    return out;
  }

  static long createAll(Store store, List<Resource> resources) {
    List<Entry> entries = store.commit(resources.stream().map(StoreFixture::create).toList());
    return entries.getLast().modRevision();
  }

  static Resource get(Store store, ResourceKey key) {
    return store.get(key).map(e -> Yaml.CODEC.parseJson(e.value())).orElse(null);
  }
}
