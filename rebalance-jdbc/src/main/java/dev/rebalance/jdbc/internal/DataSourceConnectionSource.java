package dev.rebalance.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Borrows a connection from a user's {@link DataSource} (normally a pool) for each unit of work and
 * gives it back in the auto-commit mode it had. Closing this source does not close the data source:
 * the user owns it.
 *
 * <p>Thread-safe if the data source is.
 */
public final class DataSourceConnectionSource implements ConnectionSource {
  private final DataSource dataSource;
  private volatile boolean closed;

  /**
   * @param dataSource the user's data source
   */
  public DataSourceConnectionSource(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <T> T with(SqlWork<T> work) throws SQLException {
    if (closed) {
      throw new SQLException("the store is closed", "08003");
    }
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (!autoCommit) {
        c.setAutoCommit(true);
      }
      try {
        return work.run(c);
      } finally {
        if (!autoCommit) {
          c.setAutoCommit(false);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
