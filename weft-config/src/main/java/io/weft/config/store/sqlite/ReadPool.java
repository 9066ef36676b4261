package io.weft.config.store.sqlite;

import io.weft.config.store.Entry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of read connections. A caller borrows one for the length of one read
 * transaction, so every statement of the read sees the same WAL snapshot; a caller that
 * finds none free waits (reads are short). Connections are not shared between threads
 * while borrowed, which is all sqlite-jdbc needs.
 */
final class ReadPool implements AutoCloseable {
  interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();
  /**
   * Each connection's prepared statements by SQL. A connection's map is touched only by the
   * caller borrowing it; the hand-over through {@code idle} orders one borrower after the last.
   */
  private final Map<Connection, Map<String, PreparedStatement>> statements = new IdentityHashMap<>();
  private volatile boolean closed;

  ReadPool(Path file, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    try {
      for (int i = 0; i < size; i++) {
        Connection c = SqliteSchema.openReader(file);
        all.add(c);
        statements.put(c, new HashMap<>());
        idle.add(c);
      }
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  /** Runs {@code read} in one read transaction and ends it, releasing the snapshot. */
  <T> T read(Read<T> read) {
    if (closed) throw new IllegalStateException("store is closed");
    Connection c;
    try {
      c = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a read connection", e);
    }
    try {
      T result = read.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("store read failed: " + e.getMessage(), e);
    } finally {
      idle.add(c);
    }
  }

  /**
   * {@code sql} prepared on the borrowed connection {@code c}, once per connection: a point
   * read is a few microseconds of SQLite, and preparing its statement again would double it.
   * The caller closes the result set, never the statement.
   */
  PreparedStatement prepared(Connection c, String sql) throws SQLException {
    Map<String, PreparedStatement> cache = statements.get(c);
    PreparedStatement ps = cache.get(sql);
    if (ps == null) {
      ps = c.prepareStatement(sql);
      cache.put(sql, ps);
    }
    return ps;
  }

  /** A {@code meta} value read on the borrowed connection {@code c}. */
  long meta(Connection c, String name) throws SQLException {
    PreparedStatement ps = prepared(c, "SELECT value FROM meta WHERE name = ?");
    ps.setString(1, name);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** The store's revision as of the read transaction on {@code c}. */
  long revision(Connection c) throws SQLException {
    try (ResultSet rs = prepared(c, SqliteSchema.REVISION_QUERY).executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Decodes an entries row selected as {@code key, value, refs, create_rev, mod_rev}. */
  static Entry entry(ResultSet rs) throws SQLException {
    return new Entry(Keys.decode(rs.getString(1)), rs.getBytes(2), Keys.decodeSet(rs.getString(3)),
        rs.getLong(4), rs.getLong(5));
  }

  @Override
  public void close() {
    closed = true;
    for (int i = 0; i < all.size(); i++) {
      try {
        // Wait for borrowed connections to come back so no read loses its connection mid-statement.
        if (idle.poll(2, java.util.concurrent.TimeUnit.SECONDS) == null) break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Connection c : all) {
      try {
        for (PreparedStatement ps : statements.get(c).values()) ps.close();
        c.close();
      } catch (SQLException ignored) {
        // closing: nothing left to protect
      }
    }
  }
}
