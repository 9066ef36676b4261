package io.weft.config.store.sqlite;

import io.weft.config.store.Entry;
import io.weft.config.store.Event;
import io.weft.config.store.StoreException;
import io.weft.config.store.Write;
import io.weft.model.ResourceKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies one {@link Write} inside the writer's open transaction: checks it (existence,
 * expected revision, references) against the transaction's own view, so a write sees the
 * earlier writes of its batch and group, then updates entries, refs and events.
 *
 * <p>Writer thread only; the prepared statements belong to the writer connection.
 */
final class WriteApplier implements AutoCloseable {
  private final PreparedStatement select;
  private final PreparedStatement exists;
  private final PreparedStatement insert;
  private final PreparedStatement update;
  private final PreparedStatement delete;
  private final PreparedStatement insertRef;
  private final PreparedStatement deleteRefs;
  private final PreparedStatement referrers;
  private final PreparedStatement insertEvent;

  WriteApplier(Connection c) throws SQLException {
    select = c.prepareStatement("SELECT key, value, refs, create_rev, mod_rev FROM entries WHERE key = ?");
    exists = c.prepareStatement("SELECT 1 FROM entries WHERE key = ?");
    insert = c.prepareStatement(
        "INSERT OR IGNORE INTO entries(key, value, refs, create_rev, mod_rev) VALUES(?, ?, ?, ?, ?)");
    update = c.prepareStatement("UPDATE entries SET value = ?, refs = ?, mod_rev = ? WHERE key = ?");
    delete = c.prepareStatement("DELETE FROM entries WHERE key = ?");
    insertRef = c.prepareStatement("INSERT OR IGNORE INTO refs(src, dst) VALUES(?, ?)");
    deleteRefs = c.prepareStatement("DELETE FROM refs WHERE src = ?");
    referrers = c.prepareStatement("SELECT src FROM refs WHERE dst = ? AND src <> ? ORDER BY src");
    insertEvent = c.prepareStatement(
        "INSERT INTO events(rev, type, key, value, refs, create_rev, mod_rev) VALUES(?, ?, ?, ?, ?, ?, ?)");
  }

  /** Applies {@code write} at {@code revision}, returning its event; throws, changing nothing it cannot undo by savepoint. */
  Event apply(Write write, long revision) throws SQLException {
    return switch (write) {
      case Write.Create c -> create(c, revision);
      case Write.Update u -> update(u, revision);
      case Write.Delete d -> delete(d, revision);
    };
  }

  private Event create(Write.Create w, long revision) throws SQLException {
    String key = Keys.encode(w.key());
    String refs = Keys.encodeSet(w.references());
    byte[] value = w.value().clone();
    insert.setString(1, key);
    insert.setBytes(2, value);
    insert.setString(3, refs);
    insert.setLong(4, revision);
    insert.setLong(5, revision);
    if (insert.executeUpdate() == 0) throw new StoreException.AlreadyExists(w.key());
    requireExisting(w.key(), w.references());
    insertRefs(key, w.references());
    Entry entry = new Entry(w.key(), value, w.references(), revision, revision);
    return event(Event.Type.ADDED, entry, refs, revision);
  }

  private Event update(Write.Update w, long revision) throws SQLException {
    Entry old = current(w.key());
    checkExpected(w.key(), w.expectedRevision(), old.modRevision());
    requireExisting(w.key(), w.references());
    String key = Keys.encode(w.key());
    String refs = Keys.encodeSet(w.references());
    byte[] value = w.value().clone();
    update.setBytes(1, value);
    update.setString(2, refs);
    update.setLong(3, revision);
    update.setString(4, key);
    update.executeUpdate();
    if (!old.references().equals(w.references())) {
      deleteRefs.setString(1, key);
      deleteRefs.executeUpdate();
      insertRefs(key, w.references());
    }
    Entry entry = new Entry(w.key(), value, w.references(), old.createRevision(), revision);
    return event(Event.Type.MODIFIED, entry, refs, revision);
  }

  private Event delete(Write.Delete w, long revision) throws SQLException {
    Entry old = current(w.key());
    checkExpected(w.key(), w.expectedRevision(), old.modRevision());
    String key = Keys.encode(w.key());
    List<ResourceKey> by = new ArrayList<>();
    referrers.setString(1, key);
    referrers.setString(2, key);
    try (ResultSet rs = referrers.executeQuery()) {
      while (rs.next()) by.add(Keys.decode(rs.getString(1)));
    }
    if (!by.isEmpty()) {
      by.sort(null);
      throw new StoreException.StillReferenced(w.key(), by);
    }
    deleteRefs.setString(1, key);
    deleteRefs.executeUpdate();
    delete.setString(1, key);
    delete.executeUpdate();
    Entry entry = new Entry(w.key(), old.value(), old.references(), old.createRevision(), revision);
    return event(Event.Type.DELETED, entry, Keys.encodeSet(old.references()), revision);
  }

  private Entry current(ResourceKey key) throws SQLException {
    select.setString(1, Keys.encode(key));
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) throw new StoreException.NotFound(key);
      return ReadPool.entry(rs);
    }
  }

  private static void checkExpected(ResourceKey key, long expected, long actual) {
    if (expected != 0 && expected != actual) throw new StoreException.VersionConflict(key, expected, actual);
  }

  private void requireExisting(ResourceKey from, Set<ResourceKey> targets) throws SQLException {
    List<ResourceKey> missing = null;
    for (ResourceKey target : targets) {
      exists.setString(1, Keys.encode(target));
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          if (missing == null) missing = new ArrayList<>();
          missing.add(target);
        }
      }
    }
    if (missing != null) {
      missing.sort(null);
      throw new StoreException.DanglingReference(from, missing);
    }
  }

  private void insertRefs(String key, Set<ResourceKey> targets) throws SQLException {
    for (ResourceKey target : targets) {
      insertRef.setString(1, key);
      insertRef.setString(2, Keys.encode(target));
      insertRef.executeUpdate();
    }
  }

  private Event event(Event.Type type, Entry entry, String refs, long revision) throws SQLException {
    insertEvent.setLong(1, revision);
    insertEvent.setInt(2, type.ordinal());
    insertEvent.setString(3, Keys.encode(entry.key()));
    insertEvent.setBytes(4, entry.value());
    insertEvent.setString(5, refs);
    insertEvent.setLong(6, entry.createRevision());
    insertEvent.setLong(7, entry.modRevision());
    insertEvent.executeUpdate();
    return new Event(type, entry, revision);
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement ps : List.of(select, exists, insert, update, delete, insertRef, deleteRefs, referrers, insertEvent)) {
      ps.close();
    }
  }
}
