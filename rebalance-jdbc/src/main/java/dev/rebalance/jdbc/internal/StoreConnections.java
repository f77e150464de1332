package dev.rebalance.jdbc.internal;

import dev.rebalance.api.TrackerStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/**
 * How a JDBC store gets its connections: an SQLite file in WAL mode with {@code synchronous=FULL},
 * checked for damage first; one PostgreSQL connection from a parsed URI; and the schema migration
 * every opening runs, closing the connections again if it fails.
 *
 * <p>Stateless and thread-safe.
 */
public final class StoreConnections {
  private StoreConnections() {}

  /**
   * One connection to an SQLite file (reopened if it breaks), after an integrity check.
   *
   * @param absolute the database file, absolute; its folder exists
   * @param name the store's name, for messages
   * @param busyTimeout how long to wait for another process's write lock
   * @return the connection source
   * @throws TrackerStoreException if the file is damaged or cannot be opened
   */
  public static SingleConnectionSource sqlite(Path absolute, String name, Duration busyTimeout) {
    SqliteNativeLibrary.prepare();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    Properties props = config.toProperties();
    String url = "jdbc:sqlite:" + absolute;
    SingleConnectionSource source =
        new SingleConnectionSource(
            () -> {
              // The driver itself rather than DriverManager, whose first call loads and
              // initialises every JDBC driver on the class path (PostgreSQL's too): a few
              // milliseconds of every command-line start.
              Connection c = JDBC.createConnection(url, props);
              try {
                DecimalStatsAggregate.register(c);
              } catch (SQLException e) {
                c.close();
                throw e;
              }
              return c;
            });
    try {
      SqliteIntegrity.check(source);
    } catch (SQLException e) {
      closeQuietly(source, e);
      throw new TrackerStoreException(name + ": " + SqliteIntegrity.describe(e), e);
    }
    return source;
  }

  /**
   * One connection to PostgreSQL (reopened if it breaks), as the {@code postgresql://} provider
   * opens it.
   *
   * @param uri the parsed URI
   * @return the connection source
   */
  public static SingleConnectionSource postgresql(PostgresUri uri) {
    Properties props = new Properties();
    uri.user().ifPresent(u -> props.setProperty("user", u));
    uri.password().ifPresent(p -> props.setProperty("password", p));
    props.setProperty("ApplicationName", "rebalance");
    return new SingleConnectionSource(() -> DriverManager.getConnection(uri.jdbcUrl(), props));
  }

  /**
   * Applies the migrations the database lacks; on failure closes {@code source}.
   *
   * @param source the store's connections
   * @param dialect the database's dialect
   * @param name the store's name, for messages
   * @param migrations the migrations
   * @throws TrackerStoreException if migrating fails or the schema is newer than {@code migrations}
   *     know
   */
  public static void migrate(
      ConnectionSource source, Dialect dialect, String name, Migrations migrations) {
    try {
      source.with(c -> migrations.migrate(c, dialect, name));
    } catch (Migrations.SchemaTooNewException e) {
      closeQuietly(source, e);
      throw new TrackerStoreException(name + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      closeQuietly(source, e);
      throw new TrackerStoreException(name + ": " + SqliteIntegrity.describe(e), e);
    } catch (RuntimeException e) {
      closeQuietly(source, e);
      throw new TrackerStoreException(name + ": open failed: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(ConnectionSource source, Exception cause) {
    try {
      source.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
