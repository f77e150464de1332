package dev.rebalance.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema's history as an ordered list of {@link Migration}s, and the code that brings a
 * database up to date when a store opens.
 *
 * <p>The applied versions live in {@value #VERSION_TABLE} (one row per applied step). Opening takes
 * a write lock for the whole check-and-migrate transaction ({@code BEGIN IMMEDIATE} on SQLite, a
 * transaction-scoped advisory lock on PostgreSQL), so processes opening one database at the same
 * time apply each step exactly once. A database whose version is newer than the newest step this
 * build knows is refused and left untouched.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** The table recording applied versions. */
  public static final String VERSION_TABLE = "rebalance_schema_version";

  /** Key of the PostgreSQL advisory lock held while migrating ("rebalnce" in ASCII). */
  private static final long ADVISORY_LOCK_KEY = 0x726562616c6e6365L;

  private final List<Migration> steps;

  /**
   * @param steps the steps, versions 1, 2, 3, ... in order
   */
  public Migrations(List<Migration> steps) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).version() != i + 1) {
        throw new IllegalArgumentException(
            "migration " + i + " must have version " + (i + 1) + ", was " + steps.get(i).version());
      }
    }
    this.steps = List.copyOf(steps);
  }

  /**
   * The schema this build of rebalance-jdbc writes.
   *
   * @return the standard migrations
   */
  public static Migrations standard() {
    return new Migrations(List.of(Schema.V1, Schema.V2));
  }

  /**
   * A copy with one more step, for tests of the upgrade path.
   *
   * @param step the next step
   * @return the longer list
   */
  public Migrations with(Migration step) {
    List<Migration> all = new ArrayList<>(steps);
    all.add(step);
    return new Migrations(all);
  }

  /**
   * The first {@code version} steps only, for tests that build an older database.
   *
   * @param version the newest step to keep, 1 to {@link #latest()}
   * @return the shorter list
   */
  public Migrations upTo(int version) {
    if (version < 1 || version > steps.size()) {
      throw new IllegalArgumentException(
          "version must be in [1, " + steps.size() + "], was " + version);
    }
    return new Migrations(steps.subList(0, version));
  }

  /**
   * @return the newest version these steps produce
   */
  public int latest() {
    return steps.size();
  }

  /**
   * Brings the database up to date, or refuses a newer one.
   *
   * @param c a connection in auto-commit mode
   * @param dialect its dialect
   * @param store the store's name, for log events and messages
   * @return the version before migrating (0 for an empty database)
   * @throws SQLException on a database failure
   * @throws SchemaTooNewException if the database is newer than {@link #latest()}
   */
  public int migrate(Connection c, Dialect dialect, String store) throws SQLException {
    int before =
        dialect.inTransaction(
            c,
            conn -> {
              try (Statement s = conn.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                  s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
                }
                s.execute(
                    "CREATE TABLE IF NOT EXISTS "
                        + VERSION_TABLE
                        + " (version INTEGER NOT NULL PRIMARY KEY,"
                        + " description TEXT NOT NULL,"
                        + " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
              }
              int current = currentVersion(conn);
              if (current > latest()) {
                throw new SchemaTooNewException(current, latest());
              }
              for (Migration m : steps.subList(current, steps.size())) {
                try (Statement s = conn.createStatement()) {
                  for (String sql : m.statements(dialect)) {
                    s.execute(sql);
                  }
                }
                try (PreparedStatement p =
                    conn.prepareStatement(
                        "INSERT INTO " + VERSION_TABLE + " (version, description) VALUES (?, ?)")) {
                  p.setInt(1, m.version());
                  p.setString(2, m.description());
                  p.executeUpdate();
                }
              }
              return current;
            });
    if (before < latest()) {
      log.atInfo()
          .setMessage("tracker_store_migrated")
          .addKeyValue("store", store)
          .addKeyValue("from_version", before)
          .addKeyValue("to_version", latest())
          .log();
    }
    return before;
  }

  /**
   * The newest applied version.
   *
   * @param c a connection
   * @return the version, 0 if none is recorded
   * @throws SQLException on a database failure
   */
  public static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  /** The database's schema is newer than this build understands. */
  public static final class SchemaTooNewException extends SQLException {
    private static final long serialVersionUID = 1L;
    private final int found;
    private final int supported;

    SchemaTooNewException(int found, int supported) {
      super(
          "the database has schema version "
              + found
              + " but this version of rebalance-jdbc knows versions up to "
              + supported
              + "; upgrade rebalance-jdbc (the database was left unchanged)");
      this.found = found;
      this.supported = supported;
    }

    /**
     * @return the version found in the database
     */
    public int found() {
      return found;
    }

    /**
     * @return the newest version this build knows
     */
    public int supported() {
      return supported;
    }
  }
}
