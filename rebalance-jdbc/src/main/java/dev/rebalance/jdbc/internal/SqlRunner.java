package dev.rebalance.jdbc.internal;

import dev.rebalance.api.TrackerStoreException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a store's SQL work on its connections and turns failures into {@link TrackerStoreException}s
 * naming the store, the operation and the account. Once the database reports a damaged file every
 * later call is refused, so nothing is written to a damaged store.
 *
 * <p>Thread-safe, as far as its {@link ConnectionSource} is.
 */
public final class SqlRunner {
  private final ConnectionSource connections;
  private final String name;
  // Set when the database reported a damaged file; every later call is refused (no writes to a
  // damaged store).
  private volatile @Nullable String damage;

  /**
   * @param connections the store's connections
   * @param name the store's name, for messages
   */
  public SqlRunner(ConnectionSource connections, String name) {
    this.connections = connections;
    this.name = name;
  }

  /**
   * Runs {@code work} on a connection.
   *
   * @param operation what it does, for messages
   * @param account the account it is for, or null
   * @param work the work
   * @param <T> its result type
   * @return its result
   * @throws TrackerStoreException if it fails, or the store was found damaged before
   */
  public <T> T run(String operation, @Nullable String account, SqlWork<T> work) {
    String what = account == null ? operation : operation + " for account '" + account + "'";
    String damaged = damage;
    if (damaged != null) {
      throw new TrackerStoreException(name + ": " + what + " refused: " + damaged);
    }
    try {
      return connections.with(work);
    } catch (SQLException e) {
      if (SqliteIntegrity.isDamage(e)) {
        damage = SqliteIntegrity.describe(e);
        throw new TrackerStoreException(name + ": " + what + " failed: " + damage, e);
      }
      throw new TrackerStoreException(name + ": " + what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Closes the connections.
   *
   * @throws TrackerStoreException if closing fails
   */
  public void close() {
    try {
      connections.close();
    } catch (SQLException e) {
      throw new TrackerStoreException(name + ": close failed: " + e.getMessage(), e);
    }
  }
}
