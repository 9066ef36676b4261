package io.weft.config.store.sqlite;

import io.weft.config.store.Entry;
import io.weft.config.store.Store;
import io.weft.config.store.Write;
import io.weft.model.Kind;
import io.weft.model.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Keys, writes and comparable views of store contents for the SQLite store tests. */
final class StoreFixtures {
  private StoreFixtures() {}

  static ResourceKey project(String name) {
    return new ResourceKey(Kind.PROJECT, null, name);
  }

  static ResourceKey vn(String project, String name) {
    return new ResourceKey(Kind.VIRTUAL_NETWORK, project, name);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Write.Create create(ResourceKey key, String value, ResourceKey... refs) {
    return new Write.Create(key, bytes(value), Set.of(refs));
  }

  static Write.Update update(ResourceKey key, String value, long expected, ResourceKey... refs) {
    return new Write.Update(key, bytes(value), Set.of(refs), expected);
  }

  /** Entries as strings, since records holding byte[] compare arrays by identity. */
  static List<String> describe(List<Entry> entries) {
    return entries.stream().map(StoreFixtures::describe).toList();
  }

  static String describe(Entry e) {
    return e.key() + " " + HexFormat.of().formatHex(e.value()) + " refs=" + e.references().stream().sorted().toList()
        + " c=" + e.createRevision() + " m=" + e.modRevision();
  }

  static List<String> contents(Store store) {
    return describe(store.listAll().entries());
  }
}
