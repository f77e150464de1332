package dev.rebalance.jdbc.internal;

import java.sql.SQLException;

/**
 * Lends a connection, in auto-commit mode, for one unit of work: either one long-lived connection
 * guarded by a lock ({@link SingleConnectionSource}) or a user's {@link javax.sql.DataSource}
 * ({@link DataSourceConnectionSource}). Implementations are thread-safe.
 */
public interface ConnectionSource extends AutoCloseable {

  /**
   * Runs {@code work} on a connection that no other thread uses meanwhile.
   *
   * @param work the work
   * @param <T> what it returns
   * @return what the work returned
   * @throws SQLException on a database failure
   */
  <T> T with(SqlWork<T> work) throws SQLException;

  /**
   * Releases what this source owns (never a user's data source).
   *
   * @throws SQLException if closing fails
   */
  @Override
  void close() throws SQLException;
}
