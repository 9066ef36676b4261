package io.weft.config.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database layout and connection settings.
 *
 * <pre>
 * meta(name, value)                      'compacted', and the 'revision' at the last
 *                                        compaction; both written by the compaction
 * entries(key, value, refs, create_rev, mod_rev)
 *                                        refs: the keys this entry refers to
 * referrers(dst, src)                    src refers to dst: answers "who still refers to
 *                                        this key" for deletes
 * events(rev, type, key, value, refs, create_rev, mod_rev)
 *                                        one row per revision above meta.compacted
 * </pre>
 *
 * The store's revision is the newest event's, or meta's when compaction left no event
 * ({@link #REVISION_QUERY}): a commit writes no meta row, because a row updated by every
 * commit is one more 4 KiB page in every commit's WAL frames. For the same reason the
 * references live in one table keyed by target; a write knows its own old references
 * from its entry. (Stores written before kept a second, forward refs table and updated
 * meta's revision on every commit; {@link #openWriter} migrates them.)
 *
 * WAL with synchronous=FULL: a COMMIT returns only after the WAL is fsynced, and readers
 * keep a consistent snapshot while the writer appends. The writer never checkpoints; the
 * {@link Checkpointer} does, beside it.
 */
final class SqliteSchema {
  static final String REVISION = "revision";
  static final String COMPACTED = "compacted";
  /** The store's revision, read in one statement (so within one snapshot). */
  static final String REVISION_QUERY = "SELECT max(coalesce((SELECT max(rev) FROM events), 0),"
      + " (SELECT value FROM meta WHERE name = '" + REVISION + "'))";

  private SqliteSchema() {}

  static Connection openWriter(Path file) throws SQLException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store's directory", e);
    }
    Connection c = connect(file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
        if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
          throw new SQLException("SQLite refused WAL mode for " + file);
        }
      }
      s.execute("PRAGMA synchronous=FULL");
      // Checkpoints run on their own connection and thread (Checkpointer), never inside a commit.
      s.execute("PRAGMA wal_autocheckpoint=0");
      s.execute("PRAGMA cache_size=-16000");
      s.execute("PRAGMA foreign_keys=OFF");
      s.execute("CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
      s.execute("INSERT OR IGNORE INTO meta(name, value) VALUES('" + REVISION + "', 0), ('" + COMPACTED + "', 0)");
      s.execute("CREATE TABLE IF NOT EXISTS entries(key TEXT PRIMARY KEY, value BLOB NOT NULL, refs TEXT NOT NULL,"
          + " create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS referrers(dst TEXT NOT NULL, src TEXT NOT NULL, PRIMARY KEY(dst, src)) WITHOUT ROWID");
      migrateForwardRefs(s);
      s.execute("CREATE TABLE IF NOT EXISTS events(rev INTEGER PRIMARY KEY, type INTEGER NOT NULL, key TEXT NOT NULL,"
          + " value BLOB NOT NULL, refs TEXT NOT NULL, create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL)");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** A connection for snapshot reads: autocommit off so a read's statements share one snapshot. */
  static Connection openReader(Path file) throws SQLException {
    Connection c = connect(file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA query_only=1");
      s.execute("PRAGMA cache_size=-8000");
    }
    c.setAutoCommit(false);
    return c;
  }

  /** The {@link Checkpointer}'s connection: it copies the WAL into the file and fsyncs it. */
  static Connection openCheckpointer(Path file) throws SQLException {
    Connection c = connect(file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA wal_autocheckpoint=0");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** A store from before kept references in refs(src, dst) plus an index by dst: move them over, once. */
  private static void migrateForwardRefs(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'refs'")) {
      if (!rs.next()) return;
    }
    s.execute("BEGIN IMMEDIATE");
    try {
      s.execute("INSERT OR IGNORE INTO referrers(dst, src) SELECT dst, src FROM refs");
      s.execute("DROP TABLE refs");
      s.execute("COMMIT");
    } catch (SQLException e) {
      s.execute("ROLLBACK");
      throw e;
    }
  }

  static long revision(Connection c) throws SQLException {
    try (var ps = c.prepareStatement(REVISION_QUERY); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  static long meta(Connection c, String name) throws SQLException {
    try (var ps = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * sqlite-jdbc by default follows every INSERT with its own {@code SELECT last_insert_rowid()}
   * (a regex match, a prepare and a step) in case the caller asks for generated keys; the
   * store never does, and the writer inserts three to five rows per write.
   */
  private static Connection connect(Path file) throws SQLException {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("jdbc.get_generated_keys", "false");
    return DriverManager.getConnection(url(file), props);
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }
}
