package dev.rebalance.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The databases the JDBC store speaks, and what differs between them: how a write transaction
 * starts (SQLite takes the write lock up front with {@code BEGIN IMMEDIATE}, so two processes never
 * dead-lock upgrading a read; PostgreSQL uses an ordinary transaction) and the column types of the
 * schema.
 */
public enum Dialect {
  /** SQLite 3.24 or newer (upserts, row values). */
  SQLITE("SQLite"),
  /** PostgreSQL 9.5 or newer (upserts). */
  POSTGRESQL("PostgreSQL");

  private final String displayName;

  Dialect(String displayName) {
    this.displayName = displayName;
  }

  /**
   * The name people know the database by.
   *
   * @return "SQLite" or "PostgreSQL"
   */
  public String displayName() {
    return displayName;
  }

  /**
   * Detects the dialect from the connection's metadata.
   *
   * @param connection an open connection
   * @return the dialect
   * @throws SQLException if the metadata cannot be read, or names an unsupported database (SQL
   *     state {@code 0A000})
   */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (p.contains("sqlite")) {
      return SQLITE;
    }
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    throw new SQLException(
        "unsupported database '" + product + "': the JDBC store supports SQLite and PostgreSQL",
        "0A000");
  }

  /**
   * Runs {@code work} in one write transaction: all of it commits or none of it does.
   *
   * @param c a connection in auto-commit mode
   * @param work the work
   * @param <T> what it returns
   * @return what the work returned
   * @throws SQLException on failure (after rolling back)
   */
  public <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
    if (this == SQLITE) {
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
      T result;
      try {
        result = work.run(c);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
      try (Statement s = c.createStatement()) {
        s.execute("COMMIT");
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        throw e;
      }
      return result;
    }
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    // SQLite ends a transaction by itself after some errors; ROLLBACK then fails with "no
    // transaction is active", which is harmless and not worth reporting.
    try (Statement s = c.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException r) {
      String m = r.getMessage();
      if (m == null || !m.contains("no transaction")) {
        cause.addSuppressed(r);
      }
    }
  }
}
