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
 * meta(name, value)                      'revision' and 'compacted', updated in the same
 *                                        transaction as the rows they describe
 * entries(key, value, refs, create_rev, mod_rev)
 * refs(src, dst) + index (dst, src)      src refers to dst; the reverse index answers
 *                                        "who still refers to this key" for deletes
 * events(rev, type, key, value, refs, create_rev, mod_rev)
 *                                        one row per revision above meta.compacted
 * </pre>
 *
 * WAL with synchronous=FULL: a COMMIT returns only after the WAL is fsynced, and readers
 * keep a consistent snapshot while the writer appends. The writer never checkpoints; the
 * {@link Checkpointer} does, beside it.
 */
final class SqliteSchema {
  static final String REVISION = "revision";
  static final String COMPACTED = "compacted";

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
      s.execute("CREATE TABLE IF NOT EXISTS refs(src TEXT NOT NULL, dst TEXT NOT NULL, PRIMARY KEY(src, dst)) WITHOUT ROWID");
      s.execute("CREATE INDEX IF NOT EXISTS refs_by_dst ON refs(dst, src)");
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
