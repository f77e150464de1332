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

  /**
   * Work that returns nothing, as {@link SqlWork} (its result, always {@code true}, is ignored).
   *
   * @param step the work
   * @return the work
   */
  static SqlWork<Boolean> of(Step step) {
    return c -> {
      step.run(c);
      return Boolean.TRUE;
    };
  }

  /** A unit of work with no result. */
  @FunctionalInterface
  interface Step {

    /**
     * Runs the work.
     *
     * @param connection the borrowed connection
     * @throws SQLException on a database failure
     */
    void run(Connection connection) throws SQLException;
  }
}
