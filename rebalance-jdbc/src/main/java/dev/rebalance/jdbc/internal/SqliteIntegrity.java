package dev.rebalance.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a damaged SQLite file from other failures. Opening a file store runs {@code PRAGMA
 * quick_check} before anything is written (so garbage in any page, the history's included, is
 * reported as damage instead of surfacing later as a misleading "table already exists", and no
 * write reaches a damaged file), and a call that meets {@code SQLITE_CORRUPT} or {@code
 * SQLITE_NOTADB} is reported the same way. Stateless and thread-safe.
 */
public final class SqliteIntegrity {
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_NOTADB = 26;

  private SqliteIntegrity() {}

  /**
   * Runs {@code PRAGMA quick_check} and fails if it finds anything.
   *
   * @param source the connections
   * @throws SQLException the damage, as a {@link DamagedDatabaseException}, or a failure to run
   */
  public static void check(ConnectionSource source) throws SQLException {
    List<String> problems =
        source.with(
            c -> {
              List<String> out = new ArrayList<>();
              try (Statement s = c.createStatement();
                  ResultSet r = s.executeQuery("PRAGMA quick_check(3)")) {
                while (r.next()) {
                  out.add(r.getString(1));
                }
              }
              return out;
            });
    if (!problems.equals(List.of("ok"))) {
      throw new DamagedDatabaseException("quick_check found: " + String.join("; ", problems));
    }
  }

  /**
   * Whether {@code e} says the file is damaged.
   *
   * @param e a failure
   * @return true for a damaged file or one that is not a database
   */
  public static boolean isDamage(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DamagedDatabaseException) {
        return true;
      }
      if (t instanceof SQLException s) {
        int code = s.getErrorCode() & 0xff;
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A message for people: a damaged file says so, other failures keep their message.
   *
   * @param e the failure
   * @return the message
   */
  public static String describe(SQLException e) {
    if (isDamage(e)) {
      return "the database file is damaged ("
          + e.getMessage()
          + "); nothing was written — restore the file from a backup";
    }
    return "open failed: " + e.getMessage();
  }

  /** {@code PRAGMA quick_check} found damage. */
  public static final class DamagedDatabaseException extends SQLException {
    private static final long serialVersionUID = 1L;

    DamagedDatabaseException(String message) {
      super(message);
    }
  }
}
