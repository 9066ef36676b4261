package io.weft.config.store.sqlite;

import io.weft.config.store.Entry;
import io.weft.config.store.Event;
import io.weft.config.store.StoreException;
import io.weft.config.store.Write;
import io.weft.model.Resource;
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
 * earlier writes of its batch and group, then updates entries and referrers. The events table
 * rows are buffered and written by {@link #writeEvents} as multi-row INSERTs just before
 * the transaction's COMMIT (one statement per {@link #EVENT_ROWS} events instead of one per
 * write); a refused group drops its buffered rows with {@link #dropEventsFrom}, as its
 * SAVEPOINT undoes its other rows.
 *
 * <p>Writer thread only; the prepared statements belong to the writer connection.
 */
final class WriteApplier implements AutoCloseable {
  static final int EVENT_ROWS = 32;
  private static final String EVENT_COLUMNS = "INSERT INTO events(rev, type, key, value, refs, create_rev, mod_rev) VALUES";
  private static final String EVENT_ROW = "(?, ?, ?, ?, ?, ?, ?)";

  /** An events table row waiting for the transaction's end; the key and refs already encoded. */
  private record EventRow(Event event, String key, String refs) {}

  private final PreparedStatement select;
  private final PreparedStatement insert;
  private final PreparedStatement update;
  private final PreparedStatement delete;
  private final PreparedStatement insertReferrer;
  private final PreparedStatement deleteReferrer;
  private final PreparedStatement referrers;
  private final PreparedStatement insertEvent;
  private final PreparedStatement insertEvents;
  private final List<EventRow> eventRows = new ArrayList<>();

  WriteApplier(Connection c) throws SQLException {
    select = c.prepareStatement("SELECT key, value, refs, create_rev, mod_rev FROM entries WHERE key = ?");
    insert = c.prepareStatement(
        "INSERT OR IGNORE INTO entries(key, value, refs, create_rev, mod_rev) VALUES(?, ?, ?, ?, ?)");
    update = c.prepareStatement("UPDATE entries SET value = ?, refs = ?, mod_rev = ? WHERE key = ?");
    delete = c.prepareStatement("DELETE FROM entries WHERE key = ?");
    // One statement per reference both checks that the target exists and records the referrer.
    insertReferrer = c.prepareStatement(
        "INSERT INTO referrers(dst, src) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM entries WHERE key = ?1)");
    deleteReferrer = c.prepareStatement("DELETE FROM referrers WHERE dst = ? AND src = ?");
    referrers = c.prepareStatement("SELECT src FROM referrers WHERE dst = ? AND src <> ? ORDER BY src");
    insertEvent = c.prepareStatement(EVENT_COLUMNS + EVENT_ROW);
    insertEvents = c.prepareStatement(EVENT_COLUMNS + String.join(", ", java.util.Collections.nCopies(EVENT_ROWS, EVENT_ROW)));
  }

  /** How many event rows are buffered; a group's mark, for {@link #dropEventsFrom}. */
  int bufferedEvents() {
    return eventRows.size();
  }

  /** Forgets the rows buffered since {@code mark} (their group was rolled back to its savepoint). */
  void dropEventsFrom(int mark) {
    eventRows.subList(mark, eventRows.size()).clear();
  }

  /** Forgets every buffered row (the transaction was rolled back). */
  void dropEvents() {
    eventRows.clear();
  }

  /** Writes the buffered rows into the open transaction, in revision order, and clears the buffer. */
  void writeEvents() throws SQLException {
    int i = 0;
    int n = eventRows.size();
    for (; n - i >= EVENT_ROWS; i += EVENT_ROWS) {
      for (int j = 0; j < EVENT_ROWS; j++) bind(insertEvents, j * 7, eventRows.get(i + j));
      insertEvents.executeUpdate();
    }
    for (; i < n; i++) {
      bind(insertEvent, 0, eventRows.get(i));
      insertEvent.executeUpdate();
    }
    eventRows.clear();
  }

  private static void bind(PreparedStatement ps, int at, EventRow row) throws SQLException {
    Event e = row.event();
    ps.setLong(at + 1, e.revision());
    ps.setInt(at + 2, e.type().ordinal());
    ps.setString(at + 3, row.key());
    ps.setBytes(at + 4, e.entry().value());
    ps.setString(at + 5, row.refs());
    ps.setLong(at + 6, e.entry().createRevision());
    ps.setLong(at + 7, e.entry().modRevision());
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
    List<String> targets = Keys.encodeAll(w.references());
    String refs = Keys.joinSorted(targets);
    byte[] value = w.value().clone();
    insert.setString(1, key);
    insert.setBytes(2, value);
    insert.setString(3, refs);
    insert.setLong(4, revision);
    insert.setLong(5, revision);
    if (insert.executeUpdate() == 0) throw new StoreException.AlreadyExists(w.key());
    addReferrers(w.key(), key, w.references(), targets);
    Entry entry = new Entry(w.key(), value, w.references(), revision, revision);
    return event(Event.Type.ADDED, entry, key, refs, revision, w.decoded());
  }

  private Event update(Write.Update w, long revision) throws SQLException {
    Entry old = current(w.key());
    checkExpected(w.key(), w.expectedRevision(), old.modRevision());
    List<String> targets = Keys.encodeAll(w.references());
    String key = Keys.encode(w.key());
    String refs = Keys.joinSorted(targets);
    byte[] value = w.value().clone();
    update.setBytes(1, value);
    update.setString(2, refs);
    update.setLong(3, revision);
    update.setString(4, key);
    update.executeUpdate();
    if (!old.references().equals(w.references())) {
      for (ResourceKey gone : old.references()) {
        if (!w.references().contains(gone)) removeReferrer(key, gone);
      }
      // A kept target needs no check: it cannot have been deleted while this entry referred to it.
      addReferrers(w.key(), key, w.references(), targets, old.references());
    }
    Entry entry = new Entry(w.key(), value, w.references(), old.createRevision(), revision);
    return event(Event.Type.MODIFIED, entry, key, refs, revision, w.decoded());
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
    for (ResourceKey target : old.references()) removeReferrer(key, target);
    delete.setString(1, key);
    delete.executeUpdate();
    Entry entry = new Entry(w.key(), old.value(), old.references(), old.createRevision(), revision);
    return event(Event.Type.DELETED, entry, key, Keys.encodeSet(old.references()), revision, null);
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

  private void addReferrers(ResourceKey from, String key, Set<ResourceKey> targets, List<String> encoded) throws SQLException {
    addReferrers(from, key, targets, encoded, Set.of());
  }

  /**
   * Records {@code key} as a referrer of each of {@code targets} not in {@code kept}
   * ({@code encoded} is {@code targets} encoded, in the set's iteration order); throws
   * naming every target that does not exist (the group's savepoint undoes the rows).
   */
  private void addReferrers(ResourceKey from, String key, Set<ResourceKey> targets, List<String> encoded,
      Set<ResourceKey> kept) throws SQLException {
    List<ResourceKey> missing = null;
    int i = 0;
    for (ResourceKey target : targets) {
      String dst = encoded.get(i++);
      if (kept.contains(target)) continue;
      insertReferrer.setString(1, dst);
      insertReferrer.setString(2, key);
      if (insertReferrer.executeUpdate() == 0) {
        if (missing == null) missing = new ArrayList<>();
        missing.add(target);
      }
    }
    if (missing != null) {
      missing.sort(null);
      throw new StoreException.DanglingReference(from, missing);
    }
  }

  private void removeReferrer(String key, ResourceKey target) throws SQLException {
    deleteReferrer.setString(1, Keys.encode(target));
    deleteReferrer.setString(2, key);
    deleteReferrer.executeUpdate();
  }

  private Event event(Event.Type type, Entry entry, String key, String refs, long revision, Resource decoded) {
    Event e = new Event(type, entry, revision, decoded);
    eventRows.add(new EventRow(e, key, refs));
    return e;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement ps : List.of(select, insert, update, delete, insertReferrer, deleteReferrer, referrers, insertEvent, insertEvents)) {
      ps.close();
    }
  }
}
