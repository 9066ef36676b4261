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
 * keep a consistent snapshot while the writer appends.
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
    Connection c = DriverManager.getConnection(url(file));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
        if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
          throw new SQLException("SQLite refused WAL mode for " + file);
        }
      }
      s.execute("PRAGMA synchronous=FULL");
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
    Connection c = DriverManager.getConnection(url(file));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA query_only=1");
      s.execute("PRAGMA cache_size=-8000");
    }
    c.setAutoCommit(false);
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

  private static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }
}
