package dev.rebalance.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One connection, opened on first use and shared by every thread under a lock. A connection the
 * driver reports broken (SQL state class {@code 08}, or closed) is dropped and a new one is opened
 * for the next unit of work; the failed work itself is never retried, because a write may or may
 * not have reached the database.
 *
 * <p>Thread-safe.
 */
public final class SingleConnectionSource implements ConnectionSource {

  /** Opens a fresh, configured connection. */
  @FunctionalInterface
  public interface Opener {
    /**
     * @return a new connection in auto-commit mode
     * @throws SQLException if it cannot be opened
     */
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Connection connection;
  private boolean closed;

  /**
   * @param opener opens (and configures) each physical connection
   */
  public SingleConnectionSource(Opener opener) {
    this.opener = opener;
  }

  @Override
  public <T> T with(SqlWork<T> work) throws SQLException {
    lock.lock();
    try {
      if (closed) {
        throw new SQLException("the store is closed", "08003");
      }
      Connection c = connection;
      if (c == null || c.isClosed()) {
        c = opener.open();
        connection = c;
      }
      try {
        return work.run(c);
      } catch (SQLException e) {
        if (isBroken(c, e)) {
          connection = null;
          closeQuietly(c);
        }
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private static boolean isBroken(Connection c, SQLException e) {
    String state = e.getSQLState();
    if (state != null && state.startsWith("08")) {
      return true;
    }
    try {
      return c.isClosed();
    } catch (SQLException ignored) {
      return true;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Already broken; the original failure is what the caller sees.
    }
  }

  @Override
  public void close() throws SQLException {
    lock.lock();
    try {
      closed = true;
      Connection c = connection;
      connection = null;
      if (c != null) {
        c.close();
      }
    } finally {
      lock.unlock();
    }
  }
}
