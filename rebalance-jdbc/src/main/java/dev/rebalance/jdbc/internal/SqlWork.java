package dev.rebalance.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of work on one borrowed connection.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {

  /**
   * Runs the work.
   *
   * @param connection the borrowed connection, in auto-commit mode
   * @return the result
   * @throws SQLException on a database failure
   */
  T run(Connection connection) throws SQLException;
}
